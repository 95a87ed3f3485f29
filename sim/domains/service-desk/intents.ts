// The service desk's request intents: their share of traffic (the seed's ~70 % common patterns,
// ~30 % complex analysis) and the paraphrases users write them in.

import type { TicketStatus } from './directory-lists.js';

export type IntentKind =
  | 'ticket-status' | 'my-manager' | 'faq' | 'reset-password' | 'who-is' | 'update-ticket'
  | 'trend-analysis' | 'debug-error';

export const intentMix: ReadonlyArray<{ kind: IntentKind; complexity: 'simple' | 'complex'; weight: number }> = [
  { kind: 'ticket-status', complexity: 'simple', weight: 0.22 },
  { kind: 'faq', complexity: 'simple', weight: 0.16 },
  { kind: 'my-manager', complexity: 'simple', weight: 0.12 },
  { kind: 'reset-password', complexity: 'simple', weight: 0.08 },
  { kind: 'who-is', complexity: 'simple', weight: 0.07 },
  { kind: 'update-ticket', complexity: 'simple', weight: 0.05 },
  { kind: 'trend-analysis', complexity: 'complex', weight: 0.15 },
  { kind: 'debug-error', complexity: 'complex', weight: 0.15 },
];

export function complexityOf(kind: IntentKind): 'simple' | 'complex' {
  return intentMix.find((intent) => intent.kind === kind)!.complexity;
}

export const ticketStatusTemplates = [
  "What's the status of {ticket}?",
  'Hi, can you check the status of {ticket} for me?',
  'Any news on {ticket}?',
  'Where are we with ticket {ticket}?',
  'Hello! Could you tell me the current status of {ticket}, please?',
  '{ticket} status?',
  'Can you look up {ticket} and tell me who is working on it?',
  "Hey, what's happening with my ticket {ticket}?",
  "Good morning. I'd like an update on {ticket}.",
  'Is anyone working on {ticket} yet?',
];

export const myManagerTemplates = [
  'Who is my manager?',
  "Hi, who's my manager?",
  'Can you tell me who I report to?',
  "Who's my line manager these days?",
  "Hello, I need my manager's name, please.",
  'Quick question: who is my boss?',
  'Who do I report to?',
  'Could you look up who my manager is?',
  "Hey! Who's my supervisor right now?",
];

export const faqTemplates = [
  'How do I {subject}?',
  'Hi, how can I {subject}?',
  'What are the steps to {subject}?',
  'Can you explain how to {subject}?',
  'Hello! I need help: how do I {subject}?',
  "Quick one: what's the procedure to {subject}?",
  "I'm new here. How do you {subject}?",
  'Could you tell me how to {subject}, please?',
  'Is there a guide on how to {subject}?',
];

export const resetPasswordTemplates = [
  'Reset my password',
  'Hi, can you reset my password?',
  'I forgot my password, please reset it.',
  "I'm locked out. Could you send me a password reset link?",
  'Please reset my password.',
  'Hello, I need a new password.',
  'My password expired, can you reset it for me?',
  'Can I get a password reset, please?',
  "Hey, reset my password please, I can't log in.",
];

export type WhoIsField = 'email' | 'phone' | 'title' | 'department' | 'location' | 'manager';

export const whoIsTemplates: ReadonlyArray<{ field: WhoIsField; text: string }> = [
  { field: 'email', text: "What's {name}'s email?" },
  { field: 'email', text: "Can you give me {name}'s e-mail address?" },
  { field: 'email', text: 'Hi, how do I email {name}?' },
  { field: 'phone', text: "What's {name}'s phone number?" },
  { field: 'phone', text: 'How can I reach {name} by phone?' },
  { field: 'title', text: "What's {name}'s job title?" },
  { field: 'title', text: "Hello, what is {name}'s role here?" },
  { field: 'department', text: 'Which department is {name} in?' },
  { field: 'department', text: 'What team is {name} on?' },
  { field: 'location', text: 'Where is {name} based?' },
  { field: 'location', text: 'Which office does {name} work from?' },
  { field: 'manager', text: "Who is {name}'s manager?" },
  { field: 'manager', text: 'Who does {name} report to?' },
];

export type TicketUpdate = { status: TicketStatus } | { comment: string };

export const updateTicketTemplates: ReadonlyArray<{ action: TicketStatus | 'comment'; text: string }> = [
  { action: 'Closed', text: 'Please close {ticket}.' },
  { action: 'Closed', text: '{ticket} is fixed on my side, you can close it.' },
  { action: 'Closed', text: 'Hi, please close ticket {ticket}, thanks!' },
  { action: 'Resolved', text: 'Can you mark {ticket} as resolved?' },
  { action: 'Resolved', text: 'Hello, please set {ticket} to resolved.' },
  { action: 'On Hold', text: 'Please put {ticket} on hold.' },
  { action: 'On Hold', text: "I'm away next week, can you put {ticket} on hold?" },
  { action: 'In Progress', text: 'Could you reopen {ticket}? The problem is back.' },
  { action: 'comment', text: 'Add a comment to {ticket}: "{comment}"' },
  { action: 'comment', text: 'Please note on {ticket}: "{comment}"' },
  { action: 'comment', text: 'Hi, can you add this comment to {ticket}: "{comment}"' },
];

export const ticketComments = [
  'Still failing after a reboot',
  'I can test again tomorrow morning',
  'The issue happens only on the office network',
  'Attached the error screenshot in the portal',
  'Works from home, fails in the office',
  'My colleague sees the same problem',
];

export const trendTemplates = [
  'Analyze the trend in {priority} incidents this quarter',
  'How are {priority} incidents trending this quarter compared to last quarter?',
  'Hi, can you give me a trend analysis of {priority} incidents for this quarter?',
  'Are {priority} incidents going up or down this quarter?',
  'Show me the {priority} incident trend, this quarter versus last.',
  'I need a quarter-over-quarter view of {priority} incidents.',
  "What's the trend for {priority} incidents lately? Compare this quarter with the previous one.",
  'Hello, please analyze how many {priority} incidents we had per month this quarter and last quarter.',
  'Give me the monthly {priority} incident counts and tell me the direction.',
];

export const debugTemplates = [
  'Debug {code} across auth, api-gateway and billing',
  "We're seeing {code} errors. Can you find the root cause across auth, api-gateway and billing?",
  "Hi, what's causing {code}? Please check the auth, api-gateway and billing logs.",
  'Investigate {code} in auth, api-gateway and billing and tell me which change caused it.',
  'Customers are hitting {code}. Which system is the root cause?',
  'Can you troubleshoot {code} for me? Look at all three systems.',
  'Root-cause {code} please: auth, api-gateway, billing.',
  'Hello, {code} keeps showing up. Which deployment broke it?',
  'Help me debug error {code} across our three systems.',
];
