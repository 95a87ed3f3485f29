// The tool calls a competent agent makes for each intent, with their dependencies. Requests carry
// this plan (for the benchmark's critical-path bound) and the brain follows it wave by wave.

import type { PlannedCall } from '../../domain/index.js';
import { systems, type SystemName } from './calendar.js';
import type { ParsedRequest } from './parse-request.js';

export interface PlanContext {
  /** The asking user. */
  userId: string | undefined;
  /** debug-error: the system whose logs show the root cause, once known. */
  rootSystem?: SystemName;
}

export function planFor(request: ParsedRequest, context: PlanContext): PlannedCall[] {
  const me = context.userId ?? '';
  switch (request.kind) {
    case 'ticket-status':
      return [
        { name: 'lookup_user', arguments: { userId: me }, dependsOn: [] },
        { name: 'get_ticket_status', arguments: { ticketId: request.ticketId }, dependsOn: [] },
        { name: 'check_permissions', arguments: { userId: me, resource: request.ticketId }, dependsOn: [] },
      ];
    case 'my-manager':
      return [{ name: 'lookup_user', arguments: { userId: me }, dependsOn: [] }];
    case 'faq':
      return [{ name: 'search_kb', arguments: { query: request.query }, dependsOn: [] }];
    case 'reset-password':
      return [{ name: 'reset_password', arguments: { userId: me }, dependsOn: [] }];
    case 'who-is':
      return [{ name: 'find_user', arguments: { name: request.name }, dependsOn: [] }];
    case 'update-ticket':
      return [
        { name: 'check_permissions', arguments: { userId: me, resource: request.ticketId }, dependsOn: [] },
        { name: 'update_ticket', arguments: { ticketId: request.ticketId, ...request.update }, dependsOn: [0] },
      ];
    case 'trend-analysis':
      return [
        { name: 'get_incident_history', arguments: { priority: request.priority, quarter: 'current' }, dependsOn: [] },
        { name: 'get_incident_history', arguments: { priority: request.priority, quarter: 'previous' }, dependsOn: [] },
      ];
    case 'debug-error': {
      const logs: PlannedCall[] = systems.map((system) => ({ name: 'get_system_logs', arguments: { system, errorCode: request.errorCode }, dependsOn: [] }));
      if (!context.rootSystem) return logs;
      return [...logs, { name: 'get_recent_changes', arguments: { system: context.rootSystem }, dependsOn: [0, 1, 2] }];
    }
  }
}
