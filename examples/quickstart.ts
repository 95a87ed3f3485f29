// Start the simulator first: npm run simulate -- --port 8710   (models on :8710, tool APIs on :8711)
import { z } from 'zod';
import { createAgent, createOpenAICompatible, tool } from 'hotpath';

const llm = createOpenAICompatible({ name: 'sim', baseURL: process.env.LLM_URL ?? 'http://127.0.0.1:8710/v1' });
const api = process.env.TOOLS_URL ?? 'http://127.0.0.1:8711';

const getTicket = tool({
  name: 'get_ticket_status', description: 'Gets a ticket: title, status, priority and assignee.', readOnly: true,
  inputSchema: z.object({ ticketId: z.string() }), progress: 'looking up {ticketId}…',
  execute: async ({ ticketId }) => (await fetch(`${api}/api/tickets/${ticketId}`)).json(),
});
const lookupUser = tool({
  name: 'lookup_user', description: "Looks up a user's profile and manager.", readOnly: true,
  inputSchema: z.object({ userId: z.string() }), progress: 'looking up {userId}…',
  execute: async ({ userId }) => (await fetch(`${api}/api/users/${userId}`)).json(),
});

const agent = createAgent({
  models: llm.languageModel('sim-powerful'), tools: [getTicket, lookupUser],
  instructions: 'You are the IT service desk assistant. Current user: u0001',
});
for await (const event of agent.stream("What's the status of INC-6715?")) {
  if (event.type === 'progress') console.log(event.message);
  if (event.type === 'text-delta') process.stdout.write(event.delta);
  if (event.type === 'run-finish') console.log(`\n(${Math.round(event.result.timings.totalMs)} ms)`);
}
await llm.close();
