// Routes compiled once from the catalog's HTTP bindings: "/api/tickets/{ticketId}" becomes a
// pattern with one named segment, matched against the decoded path.

import type { ToolCatalogEntry } from '../domain/index.js';

export type RouteMatch =
  | { kind: 'tool'; tool: ToolCatalogEntry; pathParams: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

interface CompiledRoute {
  tool: ToolCatalogEntry;
  segments: Array<{ literal: string } | { parameter: string }>;
}

export interface ToolRoutes {
  match(method: string, pathname: string): RouteMatch;
}

export function compileToolRoutes(catalog: readonly ToolCatalogEntry[]): ToolRoutes {
  const routes: CompiledRoute[] = catalog.map((tool) => ({
    tool,
    segments: splitPath(tool.http.path).map((segment) => {
      const parameter = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(segment)?.[1];
      return parameter ? { parameter } : { literal: segment };
    }),
  }));
  // Literal segments beat parameters ("/users/by-email" before "/users/{id}").
  const specificity = (route: CompiledRoute) => route.segments.filter((segment) => 'literal' in segment).length;
  routes.sort((left, right) => specificity(right) - specificity(left));
  return {
    match(method, pathname) {
      let parts: string[];
      try {
        parts = splitPath(pathname).map((part) => decodeURIComponent(part));
      } catch {
        return { kind: 'not-found' };
      }
      const allowed: string[] = [];
      for (const route of routes) {
        const pathParams = matchSegments(route.segments, parts);
        if (!pathParams) continue;
        if (route.tool.http.method === method) return { kind: 'tool', tool: route.tool, pathParams };
        allowed.push(route.tool.http.method);
      }
      return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
    },
  };
}

function splitPath(path: string): string[] {
  return path.split('/').filter((part) => part.length > 0);
}

function matchSegments(segments: CompiledRoute['segments'], parts: string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!;
    const part = parts[index]!;
    if ('literal' in segment) {
      if (segment.literal !== part) return undefined;
    } else {
      params[segment.parameter] = part;
    }
  }
  return params;
}
