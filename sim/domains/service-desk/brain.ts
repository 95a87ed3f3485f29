// The service desk's simulated model. From the conversation since the last user message it decides,
// like a tool-using LLM would: the next wave of tool calls (independent calls together, dependent
// ones once their inputs are in), or the answer built from the results. A fallible tier sometimes
// gets it wrong in a detectable way.

import type { Brain, BrainInput, BrainOutput } from '../../brain/index.js';
import type { PlannedCall } from '../../domain/index.js';
import { padAnswer, targetAnswerTokens } from './answer-length.js';
import { findOutcome, readConversation, type Conversation } from './brain-conversation.js';
import { drawFailure, failureOutput } from './brain-failure.js';
import type { SystemName } from './calendar.js';
import type { DirectoryIndex } from './directory-index.js';
import { complexityOf } from './intents.js';
import { planFor } from './intent-plan.js';
import { parseServiceDeskRequest, type ParsedRequest } from './parse-request.js';
import { complexFillers, composeServiceDeskAnswer, helpText, rootCauseOf, simpleFillers, type CallState } from './service-desk-answers.js';

const preambles = ['Let me look that up.', 'Checking that for you.', 'One moment while I check.'];
const needsCurrentUser = new Set<ParsedRequest['kind']>(['ticket-status', 'my-manager', 'reset-password', 'update-ticket']);

export function createServiceDeskBrain(options: { directory: DirectoryIndex }): Brain {
  const { directory } = options;
  return {
    respond(input: BrainInput): BrainOutput {
      const conversation = readConversation(input.messages);
      const request = conversation.userText === undefined ? undefined : parseServiceDeskRequest(conversation.userText, directory);
      if (!request) return { type: 'text', text: helpText, finishReason: 'stop' };
      if (needsCurrentUser.has(request.kind) && !conversation.currentUserId) {
        return { type: 'text', text: 'Could you tell me your user id (for example u0042) so I can look that up for you?', finishReason: 'stop' };
      }
      const complexity = complexityOf(request.kind);
      const failure = drawFailure(input, complexity);
      const declared = input.tools.map((tool) => tool.name);
      const step = nextStep(request, conversation, new Set(declared));
      if (failure) return failureOutput(failure, { call: step.calls[0] ?? step.plan[0], declaredTools: declared });
      if (step.calls.length > 0) {
        const text = input.random.next() < 0.3 ? input.random.pick(preambles) : undefined;
        return {
          type: 'tool-calls',
          calls: step.calls.map((call) => ({ name: call.name, arguments: JSON.stringify(call.arguments) })),
          ...(text ? { text } : {}),
        };
      }
      const core = composeServiceDeskAnswer({ request, plan: step.plan, states: step.states, directory });
      const target = targetAnswerTokens(input.random, complexity, input.verbosity);
      return { type: 'text', text: padAnswer(core, target, complexity === 'simple' ? simpleFillers : complexFillers, input.random), finishReason: 'stop' };
    },
  };
}

interface Step {
  plan: PlannedCall[];
  states: CallState[];
  /** Calls to make now; empty when it is time to answer. */
  calls: PlannedCall[];
}

function nextStep(request: ParsedRequest, conversation: Conversation, declared: ReadonlySet<string>): Step {
  const userId = conversation.currentUserId;
  const stateOf = (call: PlannedCall): CallState =>
    declared.has(call.name) ? findOutcome(conversation.calls, call.name, call.arguments) : 'skipped';
  let plan = planFor(request, { userId });
  if (request.kind === 'debug-error') {
    // The change lookup depends on which system's logs show the root cause.
    const root = rootCauseOf(plan.map(stateOf));
    if (root) plan = planFor(request, { userId, rootSystem: root.system as SystemName });
  }
  const states = plan.map(stateOf);
  if (request.kind === 'update-ticket' && states[0] !== 'skipped') {
    const permission = states[0];
    const allowed = typeof permission === 'object' && permission.ok && (permission.body as Record<string, unknown>).allowed === true;
    if (permission !== undefined && !allowed) states[1] = 'blocked';
  }
  const resolved = (index: number) => states[index] !== undefined;
  const calls = plan.filter((call, index) => states[index] === undefined && call.dependsOn.every(resolved));
  return { plan, states, calls };
}
