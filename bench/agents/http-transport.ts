import { Agent, Client, fetch as undiciFetch } from 'undici';

// How an agent's HTTP calls reach the simulator. Two ways, because connection reuse is one of the
// things the benchmark measures: the seed's "before" opens a new connection for every call.

export interface HttpRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  text: string;
}

export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

/** Node's global fetch: its default agent keeps connections alive and reuses them. */
export const keepAliveTransport: HttpTransport = fetchTransport(globalThis.fetch);

export interface KeepAliveClient {
  /** A fetch over this client's own keep-alive pool. */
  fetch: typeof fetch;
  transport: HttpTransport;
  close(): Promise<void>;
}

/**
 * A keep-alive connection pool of one's own, with the same defaults as Node's global fetch. Each
 * agent under test gets one, as if it ran in its own process: agents running side by side must not
 * reuse each other's warm connections.
 */
export function createKeepAliveClient(): KeepAliveClient {
  const dispatcher = new Agent();
  const poolFetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher })) as unknown as typeof fetch;
  return { fetch: poolFetch, transport: fetchTransport(poolFetch), close: () => dispatcher.close() };
}

function fetchTransport(fetchFunction: typeof fetch): HttpTransport {
  return async ({ url, method, headers, body, signal }) => {
    const response = await fetchFunction(url, { method, headers, body, signal });
    return { status: response.status, text: await response.text() };
  };
}

/** A fresh TCP connection for every call, closed after the response: what naive code does. */
export const freshConnectionTransport: HttpTransport = async ({ url, method, headers, body, signal }) => {
  const target = new URL(url);
  const client = new Client(target.origin);
  try {
    const response = await client.request({
      path: `${target.pathname}${target.search}`,
      method: method as 'GET',
      headers,
      body,
      signal,
    });
    return { status: response.statusCode, text: await response.body.text() };
  } finally {
    // The response is fully read: closing does not delay the caller.
    client.close().catch(() => undefined);
  }
};
