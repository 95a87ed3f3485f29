// The demo agents' system prompts. Every agent the benchmark compares gets the same text, so the
// comparison measures the runtimes, not the prompts. The last line names the asking user.

export type DemoDomain = 'service-desk' | 'tau-retail';

const roles: Record<DemoDomain, string> = {
  'service-desk': [
    'You are the IT service desk assistant of the company.',
    'Answer the user\'s question using the tools to read current data; never guess a value.',
    'State ticket ids, statuses, owners and other values exactly as the tools return them.',
    'Perform the actions the user asks for with the tools, and only for the user who asks.',
    'Do not reveal data about other users.',
  ].join(' '),
  'tau-retail': [
    'You are a customer service agent of an online retail store.',
    'Help the user with their orders, returns, exchanges and account using the tools; never guess a value.',
    'State order ids, statuses, items and amounts exactly as the tools return them.',
    'Only act on the current user\'s orders, and perform the changes the user asks for with the tools.',
  ].join(' '),
};

/** The system prompt for a domain: its role, then `Current user: <userId>` on its own line. */
export function demoInstructions(domain: DemoDomain): (userId: string | undefined) => string {
  const role = roles[domain];
  return (userId) => (userId === undefined ? role : `${role}\n\nCurrent user: ${userId}`);
}
