import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedGatewayDefault } from '../../bin/embedded-default.js';
import type { EmbeddedGatewayDefault } from '../../src/cli/serve-command.js';
import { startTestGateway, type TestGateway } from '../gateway/support/gateway-harness.js';

// The README's gateway examples work as written against the embedded default that `npm start` runs.

const run = promisify(execFile);
const example = new URL('../../examples/gateway-client.ts', import.meta.url);
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
let embedded: EmbeddedGatewayDefault;
let gateway: TestGateway;
let url: string;

beforeAll(async () => {
  embedded = await embeddedGatewayDefault({ timeScale: 0.02, mutationRate: 0 });
  gateway = startTestGateway(embedded.config);
  url = await gateway.listen();
  await gateway.gateway.warmUp();
});

afterAll(async () => {
  await gateway?.close();
  await embedded?.close();
});

const ticketStatus = () => {
  const text = embedded.example!.question;
  const ticket = /INC-\d+/.exec(text)![0];
  return { ticket, question: text };
};

describe('the README gateway examples', () => {
  it('ask the question and user that `npm start` prints', () => {
    const { question } = ticketStatus();
    expect(readme).toContain(readFileSync(example, 'utf8').trim());
    expect(readFileSync(example, 'utf8')).toContain(`content: '${question}'`);
    expect(readFileSync(example, 'utf8')).toContain(`user: '${embedded.example!.user}'`);
  });

  it('the openai SDK example streams the ticket\'s answer', async () => {
    const { ticket } = ticketStatus();
    const { stdout } = await run(process.execPath, ['--import', 'tsx', example.pathname], { env: { ...process.env, HOTPATH_URL: `${url}/v1` }, timeout: 60_000 });
    expect(stdout).toContain(`${ticket} is `);
  });

  it('the curl example\'s request streams OpenAI chunks ending in [DONE]', async () => {
    const curl = /curl -N http:\/\/127\.0\.0\.1:8700(\/v1\/chat\/completions) -H 'content-type: application\/json' \\\n\s+-d '([^']+)'/.exec(readme);
    expect(curl).not.toBeNull();
    const body = JSON.parse(curl![2]!) as { user: string; messages: Array<{ content: string }> };
    expect(body.user).toBe(embedded.example!.user);
    expect(body.messages[0]!.content).toBe(embedded.example!.question);
    const response = await fetch(`${url}${curl![1]}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: curl![2] });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text();
    const chunks = text.split('\n\n').filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]').map((line) => JSON.parse(line.slice(6)) as { object: string; choices: Array<{ delta: { content?: string } }> });
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toContain(`${ticketStatus().ticket} is `);
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });
});
