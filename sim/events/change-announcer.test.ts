import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../world/index.js';
import { ChangeAnnouncer } from './change-announcer.js';

const event: ChangeEvent = {
  id: 1, type: 'ticket.updated', entity: 'ticket:INC-4821', tags: ['ticket:INC-4821'], fields: { status: { from: 'New', to: 'Closed' } },
  version: 2, at: 1_700_000_000_000, namespace: null, cause: 'mutation',
};

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function webhookServer(status = 200): Promise<{ url: string; received: Array<{ headers: IncomingMessage['headers']; body: unknown }> }> {
  const received: Array<{ headers: IncomingMessage['headers']; body: unknown }> = [];
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      received.push({ headers: request.headers, body: JSON.parse(text) });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

describe('ChangeAnnouncer', () => {
  it('POSTs each change as JSON to every webhook and counts failures without throwing', async () => {
    const ok = await webhookServer();
    const failing = await webhookServer(500);
    const announcer = new ChangeAnnouncer({ webhookUrls: [ok.url, failing.url, 'http://127.0.0.1:1/unreachable'], redisChannel: 'unused', webhookTimeoutMs: 500 });
    cleanups.push(() => announcer.close());
    announcer.announce(event);
    await announcer.flush();
    expect(ok.received).toHaveLength(1);
    expect(ok.received[0]!.body).toEqual(event);
    expect(ok.received[0]!.headers['x-hotpath-event']).toBe('ticket.updated');
    expect(announcer.stats()).toMatchObject({ announced: 1, webhookDelivered: 1, webhookFailed: 2 });
    announcer.setWebhookUrls([]);
    announcer.announce({ ...event, id: 2 });
    await announcer.flush();
    expect(ok.received).toHaveLength(1);
    expect(() => announcer.setWebhookUrls(['ftp://nope'])).toThrow(/webhookUrls\[0\]/);
  });

  it('PUBLISHes each change on the Redis channel', async () => {
    const channel = `hotpath-test:${process.pid}:${Date.now()}:changes`;
    const subscriber = new Redis('redis://127.0.0.1:6379');
    cleanups.push(() => subscriber.disconnect());
    const messages: string[] = [];
    subscriber.on('message', (_channel: string, message: string) => messages.push(message));
    await subscriber.subscribe(channel);
    const announcer = new ChangeAnnouncer({ redisUrl: 'redis://127.0.0.1:6379', redisChannel: channel });
    cleanups.push(() => announcer.close());
    expect(await announcer.waitForRedis(3000)).toBe(true);
    announcer.announce(event);
    await announcer.flush();
    const started = Date.now();
    while (messages.length === 0 && Date.now() - started < 3000) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(JSON.parse(messages[0]!)).toEqual(event);
    expect(announcer.stats().redisPublished).toBe(1);
  });

  it('survives a Redis outage: publishing fails quietly and is counted', async () => {
    const announcer = new ChangeAnnouncer({ redisUrl: 'redis://127.0.0.1:1', redisChannel: 'down' });
    cleanups.push(() => announcer.close());
    expect(await announcer.waitForRedis(100)).toBe(false);
    expect(() => announcer.announce(event)).not.toThrow();
    await announcer.flush();
    expect(announcer.stats()).toMatchObject({ announced: 1, redisPublished: 0, redisFailed: 1 });
  });
});
