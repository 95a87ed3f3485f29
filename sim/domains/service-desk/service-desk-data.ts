// The service desk's initial data, generated from the seed alone: the same seed gives the same
// company, tickets, articles, incident history, logs and deployments on every machine.

import { createRandom, type RandomSource } from '../../random/index.js';
import { addDays, priorities, quarters, systems, today, type Priority, type SystemName } from './calendar.js';
import { departments, firstNames, lastNames, locations, ticketTitles, type TicketStatus } from './directory-lists.js';
import { kbArticles } from './kb-articles.js';

export interface UserRecord {
  id: string;
  firstName: string;
  lastName: string;
  name: string;
  email: string;
  department: string;
  title: string;
  /** User id of the manager. */
  manager: string;
  phone: string;
  location: string;
}

export interface TicketRecord {
  id: string;
  title: string;
  status: TicketStatus;
  priority: Priority;
  requester: string;
  assignee: string;
  openedAt: string;
  updatedAt: string;
  comments: Array<{ at: string; text: string }>;
}

export interface KbRecord {
  id: string;
  topic: string;
  title: string;
  rev: number;
  answer: string;
}

export interface IncidentRecord {
  id: string;
  date: string;
  title: string;
  system: string;
}

export interface IncidentStatsRecord {
  priority: Priority;
  quarter: string;
  /** Incidents per month, "2026-10" → count. */
  months: Record<string, number>;
  total: number;
  incidents: IncidentRecord[];
  /** Current quarter only: direction against the same point of the previous quarter. */
  trend?: Trend;
}

export type Trend = 'up' | 'down' | 'flat';

export interface ErrorRecord {
  code: string;
  rootSystem: SystemName;
  message: string;
  firstSeenAt: string;
  /** The deployment that introduced the error. */
  changeId: string;
}

export interface ChangeRecord {
  id: string;
  system: SystemName;
  deployedAt: string;
  summary: string;
}

export interface ServiceDeskData {
  users: UserRecord[];
  tickets: TicketRecord[];
  articles: KbRecord[];
  incidentStats: IncidentStatsRecord[];
  errors: ErrorRecord[];
  changes: ChangeRecord[];
}

export const userCount = 200;
const ticketCount = 300;
const errorCount = 20;
const changesPerSystem = 8;

export function generateServiceDeskData(seed: number | string): ServiceDeskData {
  const random = createRandom(seed, 'service-desk-data');
  const users = generateUsers(random.fork('users'));
  const tickets = generateTickets(random.fork('tickets'), users);
  const articles = kbArticles.map((article, index) => {
    const rev = createRandom(seed, 'kb', index).integer(4);
    return { id: article.id, topic: article.topic, title: article.title, rev, answer: article.answer(rev) };
  });
  const incidentStats = generateIncidentStats(random.fork('incidents'));
  const changes = generateChanges(random.fork('changes'));
  const errors = generateErrors(random.fork('errors'), changes);
  return { users, tickets, articles, incidentStats, errors, changes };
}

function userId(index: number): string {
  return `u${String(index + 1).padStart(4, '0')}`;
}

function generateUsers(random: RandomSource): UserRecord[] {
  const pairs: Array<[string, string]> = [];
  for (const first of firstNames) for (const last of lastNames) pairs.push([first, last]);
  shuffle(random, pairs);
  const usedPhones = new Set<string>();
  const users: UserRecord[] = [];
  // u0001 leads the company, u0002 chairs the board; each department has a head and a few managers.
  const layout: Array<{ department: string; title: string; role: 'ceo' | 'chair' | 'head' | 'manager' | 'member' }> = [
    { department: 'Operations', title: 'Chief Executive Officer', role: 'ceo' },
    { department: 'Operations', title: 'Chair of the Board', role: 'chair' },
  ];
  for (const department of departments) {
    const size = department.name === 'Operations' ? department.size - 2 : department.size;
    const managerCount = Math.max(1, Math.round(size / 8));
    layout.push({ department: department.name, title: `Head of ${department.name}`, role: 'head' });
    for (let index = 0; index < managerCount; index++) layout.push({ department: department.name, title: department.managerTitle, role: 'manager' });
    for (let index = 0; index < size - managerCount - 1; index++) {
      layout.push({ department: department.name, title: random.pick(department.titles), role: 'member' });
    }
  }
  // Shuffle who is who (keeping u0001/u0002), so popular askers (low ids) come from every department.
  const [ceo, chair, ...rest] = layout;
  shuffle(random, rest);
  const ordered = [ceo!, chair!, ...rest];
  ordered.forEach((slot, index) => {
    const [first, last] = pairs[index]!;
    let phone: string;
    do phone = `+1 555 ${String(100 + random.integer(900))} ${String(1000 + random.integer(9000))}`;
    while (usedPhones.has(phone));
    usedPhones.add(phone);
    users.push({
      id: userId(index), firstName: first, lastName: last, name: `${first} ${last}`,
      email: `${first.toLowerCase()}.${last.toLowerCase()}@corp.example`,
      department: slot.department, title: slot.title, manager: '', phone, location: random.pick(locations),
    });
  });
  const heads = new Map<string, string>();
  const managersByDepartment = new Map<string, string[]>();
  ordered.forEach((slot, index) => {
    if (slot.role === 'head') heads.set(slot.department, userId(index));
    if (slot.role === 'manager') managersByDepartment.set(slot.department, [...(managersByDepartment.get(slot.department) ?? []), userId(index)]);
  });
  ordered.forEach((slot, index) => {
    const user = users[index]!;
    if (slot.role === 'ceo') user.manager = userId(1);
    else if (slot.role === 'chair' || slot.role === 'head') user.manager = userId(0);
    else if (slot.role === 'manager') user.manager = heads.get(slot.department)!;
    else user.manager = random.pick(managersByDepartment.get(slot.department) ?? [heads.get(slot.department)!]);
  });
  return users;
}

function generateTickets(random: RandomSource, users: UserRecord[]): TicketRecord[] {
  const itStaff = users.filter((user) => user.department === 'IT').map((user) => user.id);
  const usedIds = new Set<string>();
  const statusWeights: Array<[TicketStatus, number]> = [['New', 0.15], ['In Progress', 0.35], ['On Hold', 0.1], ['Resolved', 0.2], ['Closed', 0.2]];
  const priorityWeights: Array<[Priority, number]> = [['P1', 0.05], ['P2', 0.2], ['P3', 0.45], ['P4', 0.3]];
  const tickets: TicketRecord[] = [];
  for (let index = 0; index < ticketCount; index++) {
    let id: string;
    do id = `INC-${1000 + random.integer(9000)}`;
    while (usedIds.has(id));
    usedIds.add(id);
    // Every user has at least one ticket; the first tickets belong to the most active users.
    const requester = index < users.length ? users[index]!.id : users[random.zipfIndex(users.length, 1)]!.id;
    const openedAt = addDays(today, -(1 + random.integer(60)));
    tickets.push({
      id, title: random.pick(ticketTitles), status: weighted(random, statusWeights), priority: weighted(random, priorityWeights),
      requester, assignee: random.pick(itStaff), openedAt, updatedAt: addDays(openedAt, random.integer(daysUntilToday(openedAt) + 1)), comments: [],
    });
  }
  return tickets;
}

const monthlyRate: Record<Priority, number> = { P1: 4, P2: 9, P3: 16, P4: 22 };
const incidentTitles: Record<SystemName, string[]> = {
  auth: ['Login failures for SSO users', 'Token refresh errors', 'MFA provider timeouts'],
  'api-gateway': ['Elevated 5xx on public API', 'Gateway latency spike', 'Partner API rejected requests'],
  billing: ['Invoices not generated', 'Card payments declined', 'Duplicate charges reported'],
};

function generateIncidentStats(random: RandomSource): IncidentStatsRecord[] {
  const { current, previous } = quarters();
  let nextId = 1001;
  const stats: IncidentStatsRecord[] = [];
  for (const priority of priorities) {
    const byQuarter = [previous, current].map((quarter) => {
      const incidents: IncidentRecord[] = [];
      for (const month of quarter.months) {
        const lastDay = month === today.slice(0, 7) ? Number(today.slice(8, 10)) : daysInMonth(month);
        const scale = lastDay / daysInMonth(month);
        const count = Math.max(0, Math.round((monthlyRate[priority] + random.normal() * Math.sqrt(monthlyRate[priority]) * 1.3) * scale));
        const days = Array.from({ length: count }, () => 1 + random.integer(lastDay)).sort((left, right) => left - right);
        for (const day of days) {
          const system = random.pick(systems);
          incidents.push({ id: `MI-${nextId++}`, date: `${month}-${String(day).padStart(2, '0')}`, title: random.pick(incidentTitles[system]), system });
        }
      }
      return { quarter, incidents };
    });
    const [previousStats, currentStats] = byQuarter.map(({ quarter, incidents }) => ({
      priority, quarter: quarter.id, months: countByMonth(quarter.months, incidents), total: incidents.length, incidents,
    }));
    stats.push(previousStats!, { ...currentStats!, trend: incidentTrend(currentStats!.incidents, previousStats!.incidents) });
  }
  return stats;
}

export function countByMonth(months: string[], incidents: readonly IncidentRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const month of months) counts[month] = 0;
  for (const incident of incidents) {
    const month = incident.date.slice(0, 7);
    if (month in counts) counts[month]!++;
  }
  return counts;
}

/**
 * Quarter-to-date against the same point of the previous quarter: "up" above +15 %, "down" below
 * -15 %, else "flat". The brain computes the same from the two tool results.
 */
export function incidentTrend(currentIncidents: readonly { date: string }[], previousIncidents: readonly { date: string }[]): Trend {
  const { current, previous } = quarters();
  const elapsedDays = Math.round((Date.parse(today) - Date.parse(current.start)) / 86_400_000);
  const cutoff = addDays(previous.start, elapsedDays);
  const now = currentIncidents.length;
  const before = previousIncidents.filter((incident) => incident.date <= cutoff).length;
  if (now > before * 1.15) return 'up';
  if (now < before * 0.85) return 'down';
  return 'flat';
}

const changeSummaries: Record<SystemName, string[]> = {
  auth: ['Rotate token signing keys', 'Upgrade LDAP client library', 'Enable session store sharding', 'Tighten SAML clock-skew check', 'Migrate password hashes to argon2', 'Raise MFA provider timeout', 'Refactor refresh-token storage', 'Update SSO metadata'],
  'api-gateway': ['Reload route table on config change', 'Renew upstream TLS certificates', 'New rate-limit tiers', 'Tune circuit-breaker thresholds', 'Raise header size limit', 'Add partner API routes', 'Upgrade Envoy', 'Enable HTTP/2 to upstreams'],
  billing: ['Switch currency rounding mode', 'Rotate payment webhook keys', 'Partition ledger tables', 'Update regional tax tables', 'Resize charge retry queue', 'New invoice PDF renderer', 'Upgrade payment SDK', 'Move dunning jobs to new scheduler'],
};

function generateChanges(random: RandomSource): ChangeRecord[] {
  const usedIds = new Set<string>();
  const changes: ChangeRecord[] = [];
  const windowStart = Date.parse(addDays(today, -21));
  for (const system of systems) {
    const summaries = [...changeSummaries[system]];
    shuffle(random, summaries);
    // Deployments at least 36 hours apart, so an error's first occurrence points at one of them.
    const slot = (21 * 86_400_000) / changesPerSystem;
    for (let index = 0; index < changesPerSystem; index++) {
      let id: string;
      do id = `CHG-${1000 + random.integer(9000)}`;
      while (usedIds.has(id));
      usedIds.add(id);
      const at = windowStart + index * slot + random.integer(Math.floor(slot / 3));
      changes.push({ id, system, deployedAt: new Date(at).toISOString(), summary: summaries[index % summaries.length]! });
    }
  }
  return changes;
}

const errorMessages: Record<SystemName, Array<(n: number) => string>> = {
  auth: [
    (n) => `token signing key kid-${n} not found in JWKS`, (n) => `LDAP bind to ldap-${n}.corp.example timed out after 5000 ms`,
    (n) => `session store rejected write: quota exceeded on shard ${n}`, (n) => `SAML assertion clock skew of ${n}s exceeds limit`,
    (n) => `password hash migration failed for batch ${n}`,
  ],
  'api-gateway': [
    (n) => `route table reload failed: duplicate path /v${n}/orders`, (n) => `TLS handshake to upstream pool ${n} failed: certificate expired`,
    (n) => `rate limiter misconfigured: burst=0 for tier ${n}`, (n) => `circuit breaker stuck open for upstream pool ${n}`,
    (n) => `request header limit exceeded: ${n} KB`,
  ],
  billing: [
    (n) => `invoice total mismatch after currency rounding in batch ${n}`, (n) => `payment webhook signature invalid for key v${n}`,
    (n) => `ledger write conflict on account shard ${n}`, (n) => `tax rate table missing region code R${n}`,
    (n) => `retry queue overflow: ${n} pending charges`,
  ],
};

function generateErrors(random: RandomSource, changes: ChangeRecord[]): ErrorRecord[] {
  const usedCodes = new Set<string>();
  const errors: ErrorRecord[] = [];
  for (let index = 0; index < errorCount; index++) {
    let code: string;
    do code = `ERR-${1000 + random.integer(9000)}`;
    while (usedCodes.has(code));
    usedCodes.add(code);
    const rootSystem = random.pick(systems);
    const systemChanges = changes.filter((change) => change.system === rootSystem);
    const change = random.pick(systemChanges);
    const firstSeen = Date.parse(change.deployedAt) + (20 + random.integer(100)) * 60_000;
    errors.push({
      code, rootSystem, changeId: change.id, firstSeenAt: new Date(firstSeen).toISOString(),
      message: random.pick(errorMessages[rootSystem])(2 + random.integer(97)),
    });
  }
  return errors;
}

function shuffle<T>(random: RandomSource, items: T[]): void {
  for (let index = items.length - 1; index > 0; index--) {
    const other = random.integer(index + 1);
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
}

function weighted<T>(random: RandomSource, choices: ReadonlyArray<[T, number]>): T {
  let target = random.next() * choices.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of choices) {
    target -= weight;
    if (target < 0) return value;
  }
  return choices[choices.length - 1]![0];
}

function daysInMonth(month: string): number {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
}

function daysUntilToday(date: string): number {
  return Math.round((Date.parse(today) - Date.parse(date)) / 86_400_000);
}
