// The gateway's routes: a fixed, small set, so a map lookup for static paths and a short list of
// `{param}` patterns replace a general router. Built once; matching allocates nothing for static paths.

export type RouteParams = Readonly<Record<string, string>>;

export interface RouteMatch<Handler> {
  handler: Handler;
  params: RouteParams;
}

export type RouteLookup<Handler> =
  | { kind: 'found'; match: RouteMatch<Handler> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

interface PatternRoute<Handler> {
  method: string;
  segments: string[];
  handler: Handler;
}

const noParams: RouteParams = Object.freeze({});

export class RouteTable<Handler> {
  readonly #static = new Map<string, Map<string, Handler>>();
  readonly #patterns: PatternRoute<Handler>[] = [];

  add(method: string, path: string, handler: Handler): this {
    if (path.includes('{')) {
      this.#patterns.push({ method, segments: path.split('/'), handler });
    } else {
      const methods = this.#static.get(path) ?? new Map<string, Handler>();
      methods.set(method, handler);
      this.#static.set(path, methods);
    }
    return this;
  }

  lookup(method: string, path: string): RouteLookup<Handler> {
    const methods = this.#static.get(path);
    if (methods !== undefined) {
      const handler = methods.get(method) ?? (method === 'HEAD' ? methods.get('GET') : undefined);
      return handler === undefined ? { kind: 'method-not-allowed', allowed: [...methods.keys()] } : { kind: 'found', match: { handler, params: noParams } };
    }
    const segments = path.split('/');
    const allowed: string[] = [];
    for (const route of this.#patterns) {
      const params = matchSegments(route.segments, segments);
      if (params === undefined) continue;
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) return { kind: 'found', match: { handler: route.handler, params } };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
  }
}

function matchSegments(pattern: readonly string[], segments: readonly string[]): RouteParams | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < pattern.length; index++) {
    const expected = pattern[index]!;
    const actual = segments[index]!;
    if (expected.startsWith('{') && expected.endsWith('}')) {
      if (actual === '') return undefined;
      try {
        params[expected.slice(1, -1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}
