// The exact words in which the brain states each kind of fact. The scorer looks for
// `renderFact(fact, value)` in an answer, so the brain builds its answers from these functions.

import type { FactRef } from '../../domain/index.js';
import { entityType } from '../../world/index.js';
import { monthLabel } from './calendar.js';
import type { DirectoryIndex } from './directory-index.js';

export function renderServiceDeskFact(fact: FactRef, value: unknown, directory: DirectoryIndex): string {
  const type = entityType(fact.entity);
  const id = fact.entity.slice(type.length + 1);
  const nameOf = (userId: unknown) => directory.byId(String(userId))?.name ?? String(userId);
  switch (`${type}.${fact.field}`) {
    case 'ticket.status':
      return `${id} is ${String(value)}`;
    case 'ticket.assignee':
      return `assigned to ${nameOf(value)}`;
    case 'user.manager':
      return nameOf(value);
    case 'user.firstName':
      return `Hi ${String(value)}`;
    case 'incidents.months':
      return renderMonthCounts(value as Record<string, number>);
    case 'incidents.trend':
      return renderTrend(String(value));
    case 'error.rootSystem':
      return `root cause is in ${String(value)}`;
    default:
      return String(value);
  }
}

/** { "2026-10": 4, "2026-11": 6 } → "October 2026: 4, November 2026: 6". */
export function renderMonthCounts(months: Record<string, number>): string {
  return Object.keys(months)
    .sort()
    .map((month) => `${monthLabel(month)}: ${months[month]}`)
    .join(', ');
}

export function renderTrend(trend: string): string {
  if (trend === 'up') return 'trending up';
  if (trend === 'down') return 'trending down';
  return 'holding steady';
}
