// The service desk's tool handlers: reads in the caller's view of the world, writes into the
// caller's namespace. Called by the tool server at the end of each call's simulated latency.

import { ToolCallError, type ToolHandler } from '../../tools-server/index.js';
import type { World } from '../../world/index.js';
import { monthLabel, quarters, systems, type SystemName } from './calendar.js';
import { kbArticles } from './kb-articles.js';
import { searchKb } from './kb-search.js';

type Entity = Record<string, unknown> & { version: number };

export function createServiceDeskHandlers(world: World): Map<string, ToolHandler> {
  const kbSubjects = new Map(kbArticles.map((article) => [article.id, article.subject]));
  const notFound = (what: string, id: string, parameter: string) =>
    new ToolCallError({ status: 404, code: 'not_found', message: `${what} ${id} not found`, parameter });
  const user = (namespace: string, id: string, parameter = 'userId'): Entity => {
    const found = world.get(namespace, `user:${id}`);
    if (!found) throw notFound('user', id, parameter);
    return found;
  };
  const ticket = (namespace: string, id: string, parameter = 'ticketId'): Entity => {
    const found = world.get(namespace, `ticket:${id}`);
    if (!found) throw notFound('ticket', id, parameter);
    return found;
  };
  const person = (namespace: string, id: unknown) => {
    const found = world.get(namespace, `user:${String(id)}`);
    return { id: String(id), name: String(found?.name ?? id), email: String(found?.email ?? '') };
  };
  const profile = (namespace: string, found: Entity) => ({
    id: found.id, name: found.name, firstName: found.firstName, lastName: found.lastName, email: found.email,
    department: found.department, title: found.title, phone: found.phone, location: found.location,
    manager: person(namespace, found.manager),
  });

  return new Map<string, ToolHandler>([
    ['lookup_user', (args, { namespace }) => {
      const found = user(namespace, String(args.userId));
      return { body: { ...profile(namespace, found), version: found.version } };
    }],
    ['find_user', (args, { namespace }) => {
      const query = String(args.name).toLowerCase().trim();
      const words = query.split(/\s+/);
      const matches: Entity[] = [];
      for (const key of world.keys('user')) {
        const found = world.get(namespace, key)!;
        const name = String(found.name).toLowerCase();
        if (name.includes(query) || words.every((word) => name.split(' ').includes(word))) matches.push(found);
        if (matches.length === 10) break;
      }
      return {
        body: {
          query: args.name,
          matches: matches.map((found) => profile(namespace, found)),
          version: matches.reduce((sum, found) => sum + found.version, 0),
        },
      };
    }],
    ['check_permissions', (args, { namespace }) => {
      const asker = user(namespace, String(args.userId));
      const resource = String(args.resource);
      if (/^INC-\d{4}$/.test(resource)) {
        const found = ticket(namespace, resource, 'resource');
        const role = found.requester === asker.id ? 'requester' : found.assignee === asker.id ? 'assignee' : asker.department === 'IT' ? 'agent' : 'none';
        return { body: { userId: asker.id, resource, allowed: role !== 'none', role, version: asker.version + found.version } };
      }
      if ((systems as readonly string[]).includes(resource)) {
        const role = asker.department === 'IT' ? 'admin' : asker.department === 'Engineering' ? 'viewer' : 'none';
        return { body: { userId: asker.id, resource, allowed: role !== 'none', role, version: asker.version } };
      }
      throw new ToolCallError({ status: 404, code: 'not_found', message: `unknown resource ${resource} (a ticket id or a system name)`, parameter: 'resource' });
    }],
    ['get_ticket_status', (args, { namespace }) => {
      const found = ticket(namespace, String(args.ticketId));
      return {
        body: {
          id: found.id, title: found.title, status: found.status, priority: found.priority,
          requester: { id: found.requester, name: person(namespace, found.requester).name },
          assignee: person(namespace, found.assignee),
          openedAt: found.openedAt, updatedAt: found.updatedAt, comments: found.comments, version: found.version,
        },
      };
    }],
    ['search_kb', (args, { namespace }) => {
      const results = searchKb(String(args.query)).map((id) => world.get(namespace, `kb:${id}`)!);
      return {
        body: {
          query: args.query,
          results: results.map((article) => ({
            id: article.id, title: article.title, topic: article.topic, subject: kbSubjects.get(String(article.id)),
            answer: article.answer, updatedAt: article.updatedAt, version: article.version,
          })),
          version: results.reduce((sum, article) => sum + article.version, 0),
        },
      };
    }],
    ['get_incident_history', (args, { namespace }) => {
      const period = args.quarter === 'previous' ? 'previous' : 'current';
      const quarter = quarters()[period];
      const stats = world.get(namespace, `incidents:${String(args.priority)}:${quarter.id}`)!;
      const months = stats.months as Record<string, number>;
      return {
        body: {
          priority: args.priority, period, quarter: quarter.id, from: quarter.start,
          months: quarter.months.map((month) => ({ month, label: monthLabel(month), count: months[month] ?? 0 })),
          total: stats.total, incidents: stats.incidents, version: stats.version,
        },
      };
    }],
    ['get_system_logs', (args, { namespace }) => {
      const system = String(args.system) as SystemName;
      const code = String(args.errorCode);
      const error = world.get(namespace, `error:${code}`);
      return { body: { system, errorCode: code, entries: error ? logEntries(error, system) : [], version: error?.version ?? 0 } };
    }],
    ['get_recent_changes', (args, { namespace }) => {
      const system = String(args.system);
      const changes = world.keys('change').map((key) => world.get(namespace, key)!).filter((change) => change.system === system);
      changes.sort((left, right) => String(right.deployedAt).localeCompare(String(left.deployedAt)));
      return {
        body: {
          system,
          changes: changes.map((change) => ({ id: change.id, deployedAt: change.deployedAt, summary: change.summary })),
          version: changes.reduce((sum, change) => sum + change.version, 0),
        },
      };
    }],
    ['reset_password', (args, { namespace, requestId, at }) => {
      const found = user(namespace, String(args.userId));
      const resetAt = new Date(at).toISOString();
      const event = world.set(namespace, `user:${String(found.id)}`, { passwordResetAt: resetAt }, { cause: 'write', requestId });
      return { body: { userId: found.id, resetAt, deliveredTo: found.email, expiresInMinutes: 30, version: event.version } };
    }],
    ['update_ticket', (args, { namespace, requestId, at }) => {
      const found = ticket(namespace, String(args.ticketId));
      if (args.status === undefined && args.comment === undefined) {
        throw new ToolCallError({ status: 400, code: 'invalid_parameter', message: 'update_ticket needs "status" and/or "comment"', parameter: 'status' });
      }
      const now = new Date(at).toISOString();
      const patch: Record<string, unknown> = { updatedAt: now };
      if (args.status !== undefined) patch.status = args.status;
      if (args.comment !== undefined) patch.comments = [...(found.comments as unknown[]), { at: now, text: args.comment }];
      const event = world.set(namespace, `ticket:${String(found.id)}`, patch, { cause: 'write', requestId });
      const updated = world.get(namespace, `ticket:${String(found.id)}`)!;
      return { body: { id: updated.id, status: updated.status, comments: updated.comments, updatedAt: updated.updatedAt, version: event.version } };
    }],
  ]);
}

/**
 * Log lines for an error code in one system: the root-cause system logs the failure itself (no
 * upstream); the others log it as an upstream failure of the root system a little later.
 */
function logEntries(error: Entity, system: SystemName): Array<Record<string, unknown>> {
  const firstSeen = Date.parse(String(error.firstSeenAt));
  const code = String(error.code);
  const root = String(error.rootSystem);
  const at = (minutes: number) => new Date(firstSeen + minutes * 60_000).toISOString();
  if (system === root) {
    return [0, 7, 19].map((minutes) => ({ timestamp: at(minutes), level: 'ERROR', errorCode: code, message: error.message, upstream: null }));
  }
  const offset = 1 + systems.indexOf(system);
  return [offset, offset + 11].map((minutes) => ({
    timestamp: at(minutes), level: 'WARN', errorCode: code, message: `request failed: ${code} returned by ${root}`, upstream: root,
  }));
}
