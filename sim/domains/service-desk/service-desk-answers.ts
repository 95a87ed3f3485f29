// The brain's answers, built from the tool results with the same render functions the scorer uses,
// so a correct answer contains every fact verbatim. A failed or unavailable lookup is named, and
// the answer says what it can without it.

import type { PlannedCall } from '../../domain/index.js';
import { systems } from './calendar.js';
import type { ToolOutcome } from './brain-conversation.js';
import type { DirectoryIndex } from './directory-index.js';
import type { WhoIsField } from './intents.js';
import type { ParsedRequest } from './parse-request.js';
import { renderMonthCounts, renderServiceDeskFact, renderTrend } from './render-fact.js';
import { incidentTrend } from './service-desk-data.js';

/** What happened to a planned call: its outcome, 'skipped' (tool not declared) or 'blocked' (not allowed). */
export type CallState = ToolOutcome | 'skipped' | 'blocked' | undefined;

export interface AnswerInput {
  request: ParsedRequest;
  plan: readonly PlannedCall[];
  states: readonly CallState[];
  directory: DirectoryIndex;
}

export const simpleFillers = [
  "Let me know if there's anything else I can help with.",
  'If something looks off, just reply here and I will take another look.',
  'You can also find this in the self-service portal at any time.',
  'Happy to help with anything else today.',
];

export const complexFillers = [
  'I based this on the latest data available from the service desk systems.',
  'Numbers for the current month are partial, so they can still change before the month ends.',
  'If you want, I can break this down further by system or by week.',
  'It would be worth reviewing this again at the next operations meeting.',
  'None of the other systems showed an independent failure pattern in the same window.',
  'I can open a problem record to track the follow-up actions if that helps.',
];

export const helpText =
  'I can help with IT questions: ticket status, password resets, your manager, colleagues’ contact details, how-to articles, incident trends and error debugging. What do you need?';

export function composeServiceDeskAnswer({ request, plan, states, directory }: AnswerInput): string {
  const body = (index: number) => {
    const state = states[index];
    return typeof state === 'object' && state.ok ? (state.body as Record<string, unknown>) : undefined;
  };
  const why = (index: number) => {
    const state = states[index];
    const name = plan[index]?.name ?? 'a lookup';
    if (state === 'skipped') return `I don't have access to ${name}`;
    if (typeof state === 'object' && !state.ok) return `${name} failed: ${state.error ?? 'error'}`;
    return `${name} failed`;
  };
  const render = (entity: string, field: string, value: unknown) => renderServiceDeskFact({ entity, field }, value, directory);

  switch (request.kind) {
    case 'ticket-status': {
      const user = body(0);
      const ticket = body(1);
      const greeting = user ? `Hi ${String(user.firstName)}, ` : '';
      const id = request.ticketId;
      if (!ticket) return sentence(greeting, `I couldn't get the details of ${id} right now (${why(1)}). Please try again in a minute.`);
      const permissionState = states[2];
      if (permissionState !== 'skipped') {
        const permission = body(2);
        if (!permission) return sentence(greeting, `I couldn't verify your access to ${id} (${why(2)}), so I can't share its details yet.`);
        if (permission.allowed !== true) {
          return sentence(greeting, `you don't have access to ${id}, so I can't share its status. The requester or the service desk can help you.`);
        }
      }
      const assignee = ticket.assignee as { id: string };
      return sentence(greeting, `${render(`ticket:${id}`, 'status', ticket.status)} and ${render(`ticket:${id}`, 'assignee', assignee.id)}.`);
    }
    case 'my-manager': {
      const user = body(0);
      if (!user) return `I couldn't look up your profile right now (${why(0)}), so I can't tell you who your manager is.`;
      const manager = user.manager as { id: string; email: string };
      return `Hi ${String(user.firstName)}, your manager is ${render(`user:${String(user.id)}`, 'manager', manager.id)} (${manager.email}).`;
    }
    case 'faq': {
      const search = body(0);
      if (!search) return `The knowledge base search did not work (${why(0)}), so I can't look that up right now.`;
      const article = (search.results as Array<Record<string, unknown>>)[0];
      if (!article) return "I couldn't find a knowledge base article about that. Could you describe what you're trying to do?";
      return `According to ${String(article.id)} (${String(article.title)}): ${render(`kb:${String(article.id)}`, 'answer', article.answer)}`;
    }
    case 'reset-password': {
      const reset = body(0);
      if (!reset) return `I couldn't reset your password (${why(0)}). Please try again in a moment.`;
      return `Done. I've sent a password reset link to ${String(reset.deliveredTo)}; it expires in ${String(reset.expiresInMinutes)} minutes.`;
    }
    case 'who-is': {
      const found = body(0);
      if (!found) return `I couldn't search the directory for ${request.name} (${why(0)}).`;
      const matches = found.matches as Array<Record<string, unknown>>;
      const match = matches.find((candidate) => String(candidate.name).toLowerCase() === request.name.toLowerCase()) ?? matches[0];
      if (!match) return `I couldn't find anyone called ${request.name} in the directory.`;
      const raw = request.field === 'manager' ? (match.manager as { id: string }).id : match[request.field];
      return `${String(match.name)}'s ${fieldLabels[request.field]} is ${render(`user:${String(match.id)}`, request.field, raw)}.`;
    }
    case 'update-ticket': {
      const id = request.ticketId;
      const permissionState = states[0];
      if (permissionState !== 'skipped') {
        const permission = body(0);
        if (!permission) return `I couldn't verify your permissions on ${id} (${why(0)}), so I didn't change it.`;
        if (permission.allowed !== true) return `You don't have permission to update ${id}, so I didn't change it.`;
      }
      const updated = body(1);
      if (!updated) return `I couldn't update ${id} (${why(1)}).`;
      if ('status' in request.update) return `Done: ${render(`ticket:${id}`, 'status', updated.status)} now.`;
      return `I've added your comment to ${id}.`;
    }
    case 'trend-analysis': {
      const current = body(0);
      const previous = body(1);
      const priority = request.priority;
      const describe = (label: string, result: Record<string, unknown>) =>
        `${label} (${String(result.quarter)}${label === 'This quarter' ? ', to date' : ''}): ${renderMonthCounts(monthsOf(result))}, ${String(result.total)} in total.`;
      const parts = [`Here is the ${priority} incident trend.`];
      if (current) parts.push(describe('This quarter', current));
      else parts.push(`I couldn't get this quarter's ${priority} incidents (${why(0)}).`);
      if (previous) parts.push(describe('Last quarter', previous));
      else parts.push(`I couldn't get last quarter's ${priority} incidents (${why(1)}).`);
      if (current && previous) {
        const trend = incidentTrend(current.incidents as Array<{ date: string }>, previous.incidents as Array<{ date: string }>);
        parts.push(`Compared with the same point last quarter, ${priority} incidents are ${renderTrend(trend)}.`);
      } else {
        parts.push('Without both quarters I cannot say which way the trend is going.');
      }
      return parts.join(' ');
    }
    case 'debug-error': {
      const code = request.errorCode;
      const root = rootCauseOf(states.slice(0, 3));
      const failed = systems.filter((_system, index) => !body(index));
      const failedNote = failed.length > 0 ? ` (${failed.map((system) => why(systems.indexOf(system))).join('; ')})` : '';
      if (!root) {
        return `I checked ${code} in ${systems.filter((_system, index) => body(index)).join(', ') || 'none of the systems'}${failedNote}, but I couldn't find which system originates it yet.`;
      }
      const parts = [
        `I checked ${code} in ${systems.join(', ')}${failedNote}.`,
        `The ${render(`error:${code}`, 'rootSystem', root.system)}: its logs show "${root.message}" from ${root.firstSeenAt}, while the other systems only report ${code} as an upstream failure from ${root.system}.`,
      ];
      const changes = body(3);
      const change = changes ? changeBefore(changes.changes as Array<Record<string, unknown>>, root.firstSeenAt) : undefined;
      if (change) {
        parts.push(
          `The likely trigger is ${String(change.id)} ("${String(change.summary)}"), deployed to ${root.system} at ${String(change.deployedAt)}, shortly before the first error.`,
          `I'd suggest rolling back ${String(change.id)} or shipping a fix forward, then watching the ${root.system} error rate.`,
        );
      } else if (!changes) {
        parts.push(`I couldn't list the recent changes of ${root.system} (${states[3] === undefined ? 'get_recent_changes was not called' : why(3)}), so I can't name the deployment yet.`);
      } else {
        parts.push(`No deployment to ${root.system} precedes the first error, so this may not be change-related.`);
      }
      return parts.join(' ');
    }
  }
}

const fieldLabels: Record<WhoIsField, string> = {
  email: 'e-mail address', phone: 'phone number', title: 'job title', department: 'department', location: 'location', manager: 'manager',
};

function sentence(greeting: string, rest: string): string {
  return greeting ? `${greeting}${rest}` : `${rest.charAt(0).toUpperCase()}${rest.slice(1)}`;
}

function monthsOf(result: Record<string, unknown>): Record<string, number> {
  const months: Record<string, number> = {};
  for (const entry of result.months as Array<{ month: string; count: number }>) months[entry.month] = entry.count;
  return months;
}

/** The system whose logs show the error originating there (no upstream), from the log results in system order. */
export function rootCauseOf(states: readonly CallState[]): { system: string; message: string; firstSeenAt: string } | undefined {
  for (let index = 0; index < states.length; index++) {
    const state = states[index];
    if (typeof state !== 'object' || !state.ok) continue;
    const entries = ((state.body as Record<string, unknown>).entries ?? []) as Array<Record<string, unknown>>;
    const origin = entries.filter((entry) => entry.upstream === null || entry.upstream === undefined);
    if (origin.length === 0) continue;
    origin.sort((left, right) => String(left.timestamp).localeCompare(String(right.timestamp)));
    return { system: String((state.body as Record<string, unknown>).system ?? systems[index]), message: String(origin[0]!.message), firstSeenAt: String(origin[0]!.timestamp) };
  }
  return undefined;
}

/** The latest deployment at or before `at`. */
function changeBefore(changes: Array<Record<string, unknown>>, at: string): Record<string, unknown> | undefined {
  return changes
    .filter((change) => String(change.deployedAt) <= at)
    .sort((left, right) => String(right.deployedAt).localeCompare(String(left.deployedAt)))[0];
}
