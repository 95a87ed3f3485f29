// The retail brain is an oracle: it recognises the tau-bench task by its instruction and, at each
// turn, calls every action not made yet whose dependencies have results in the conversation, then
// answers with the outcome and the task's expected outputs. The fast tier's failure modes apply.

import type { Brain, BrainInput, BrainOutput } from '../../brain/index.js';
import type { PlannedCall } from '../../domain/index.js';
import { canonicalJson } from '../../tools-server/index.js';
import { drawFailure, failureOutput, padAnswer, readConversation, shouldRetry, targetAnswerTokens, type MadeCall, type ToolOutcome } from '../service-desk/index.js';
import type { RetailTask } from './retail-data.js';

export interface RetailBrainOptions {
  /** The task whose instruction is this text, if any. */
  findTask(text: string): RetailTask | undefined;
  planOf(task: RetailTask): readonly PlannedCall[];
  complexityOf(task: RetailTask): 'simple' | 'complex';
}

const helpText = 'I can help with your orders: order status, cancellations, address or payment changes, returns and exchanges. What can I do for you?';
const fillers = [
  'Is there anything else I can help you with today?',
  'You will receive a confirmation e-mail shortly.',
  'Refunds to a credit card usually take 5 to 7 business days; gift card refunds are immediate.',
  'Let me know if you would like to change anything else on your account.',
  'Thank you for shopping with us.',
  'If anything looks wrong, reply here and I will take another look.',
];

type State = ToolOutcome | 'skipped' | undefined;

export function createRetailBrain(options: RetailBrainOptions): Brain {
  return {
    respond(input: BrainInput): BrainOutput {
      const conversation = readConversation(input.messages);
      const task = conversation.userText === undefined ? undefined : options.findTask(conversation.userText);
      if (!task) return { type: 'text', text: helpText, finishReason: 'stop' };
      const complexity = options.complexityOf(task);
      const failure = drawFailure(input, complexity);
      const plan = options.planOf(task);
      const declared = new Set(input.tools.map((tool) => tool.name));
      const states = statesOf(plan, conversation.calls, declared);
      const ready = plan.filter((call, index) => states[index] === undefined && call.dependsOn.every((dependency) => states[dependency] !== undefined));
      if (failure) return failureOutput(failure, { call: ready[0] ?? plan[0], declaredTools: [...declared] });
      if (ready.length > 0) {
        return { type: 'tool-calls', calls: ready.map((call) => ({ name: call.name, arguments: JSON.stringify(call.arguments) })) };
      }
      const core = answerText(task, plan, states);
      return { type: 'text', text: padAnswer(core, targetAnswerTokens(input.random, complexity, input.verbosity), fillers, input.random), finishReason: 'stop' };
    },
  };
}

/**
 * The state of each planned call. A task may make the same call twice (an order read again after a
 * change), so the k-th planned occurrence of a call is matched with the k-th successful result. A
 * call whose last attempts failed transiently ("temporarily unavailable, try again") is made again,
 * up to `maxToolAttempts` times, before its failure is final.
 */
function statesOf(plan: readonly PlannedCall[], calls: readonly MadeCall[], declared: ReadonlySet<string>): State[] {
  const outcomes = new Map<string, ToolOutcome[]>();
  for (const call of calls) {
    if (!call.result) continue;
    const key = `${call.name} ${call.argumentsKey}`;
    outcomes.set(key, [...(outcomes.get(key) ?? []), call.result]);
  }
  const occurrences = new Map<string, number>();
  return plan.map((call) => {
    if (!declared.has(call.name)) return 'skipped';
    const key = `${call.name} ${canonicalJson(call.arguments)}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    const results = outcomes.get(key) ?? [];
    const successes = results.filter((result) => result.ok);
    if (successes.length > occurrence) return successes[occurrence];
    if (results.length <= occurrence || shouldRetry(results)) return undefined;
    return results[results.length - 1];
  });
}

function answerText(task: RetailTask, plan: readonly PlannedCall[], states: readonly State[]): string {
  const sentences: string[] = [];
  plan.forEach((call, index) => {
    const state = states[index];
    const args = call.arguments;
    const order = String(args.order_id ?? '');
    if (state === 'skipped') {
      if (describe(call.name, args)) sentences.push(`I can't ${verbs[call.name] ?? call.name} here, as I don't have access to ${call.name}.`);
      return;
    }
    if (!state) return;
    if (!state.ok) {
      if (describe(call.name, args)) sentences.push(`I couldn't ${verbs[call.name] ?? call.name}${order ? ` for order ${order}` : ''}: ${state.error ?? 'it failed'}.`);
      return;
    }
    const done = describe(call.name, args);
    if (done) sentences.push(done);
  });
  if (sentences.length === 0) sentences.push('I have looked up your account and orders.');
  if (task.outputs.length > 0) sentences.push(`For reference: ${task.outputs.join(', ')}.`);
  return sentences.join(' ');
}

const verbs: Record<string, string> = {
  cancel_pending_order: 'cancel the order',
  modify_pending_order_address: 'change the shipping address',
  modify_pending_order_items: 'modify the items',
  modify_pending_order_payment: 'change the payment method',
  modify_user_address: 'update your default address',
  return_delivered_order_items: 'request the return',
  exchange_delivered_order_items: 'request the exchange',
  transfer_to_human_agents: 'transfer you to a human agent',
};

function describe(name: string, args: Record<string, unknown>): string | undefined {
  const order = String(args.order_id ?? '');
  const items = Array.isArray(args.item_ids) ? args.item_ids.length : 0;
  switch (name) {
    case 'cancel_pending_order':
      return `Order ${order} is now cancelled (reason: ${String(args.reason)}).`;
    case 'modify_pending_order_address':
      return `The shipping address of order ${order} is now ${String(args.address1)}, ${String(args.city)}.`;
    case 'modify_pending_order_items':
      return `I've modified ${items} item(s) in order ${order}; the price difference goes to ${String(args.payment_method_id)}.`;
    case 'modify_pending_order_payment':
      return `Order ${order} is now paid with ${String(args.payment_method_id)}.`;
    case 'modify_user_address':
      return `Your default address is now ${String(args.address1)}, ${String(args.city)}.`;
    case 'return_delivered_order_items':
      return `The return of ${items} item(s) from order ${order} is requested; the refund goes to ${String(args.payment_method_id)}.`;
    case 'exchange_delivered_order_items':
      return `The exchange of ${items} item(s) in order ${order} is requested, paid with ${String(args.payment_method_id)}.`;
    case 'transfer_to_human_agents':
      return "I've transferred you to a human agent who will follow up.";
    default:
      return undefined;
  }
}
