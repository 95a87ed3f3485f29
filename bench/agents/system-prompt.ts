import type { SimDomain } from '../../sim/index.js';

const roles: Record<SimDomain['name'], string> = {
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

/** The system prompt every agent uses: the domain's role, then `Current user: <userId>` on its own line. */
export function createSystemPrompt(domain: Pick<SimDomain, 'name'>): (userId: string) => string {
  const role = roles[domain.name];
  return (userId) => `${role}\n\nCurrent user: ${userId}`;
}
