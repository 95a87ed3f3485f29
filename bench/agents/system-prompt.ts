import { demoInstructions } from '../../demo/index.js';
import type { SimDomain } from '../../sim/index.js';

/**
 * The system prompt every agent uses — the same text hotpath's demo agent runs with: the domain's
 * role, then `Current user: <userId>` on its own line.
 */
export function createSystemPrompt(domain: Pick<SimDomain, 'name'>): (userId: string) => string {
  const instructions = demoInstructions(domain.name);
  return (userId) => instructions(userId);
}
