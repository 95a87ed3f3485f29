// The service desk's tool APIs, described once for every client: argument schema, HTTP binding,
// whether a call may be repeated or cached, and the data tags it reads and writes.

import { z } from 'zod';
import type { ToolCatalogEntry } from '../../domain/index.js';
import { priorities, systems } from './calendar.js';
import { ticketStatuses } from './directory-lists.js';

const userId = z.string().regex(/^u\d{4}$/, 'a user id such as "u0042"').describe('User id, e.g. "u0042".');
const ticketId = z.string().regex(/^INC-\d{4}$/, 'a ticket id such as "INC-4821"').describe('Ticket id, e.g. "INC-4821".');
const system = z.enum(systems).describe('One of auth, api-gateway, billing.');

export const serviceDeskCatalog: readonly ToolCatalogEntry[] = [
  {
    name: 'lookup_user',
    description: "Looks up a user's profile: name, e-mail, department, title, phone, location and manager.",
    input: z.strictObject({ userId }),
    http: { method: 'GET', path: '/api/users/{userId}' },
    readOnly: true, idempotent: true, reads: ['user:{userId}'], writes: [], userScoped: true,
  },
  {
    name: 'find_user',
    description: 'Finds people in the company directory by (part of) their name.',
    input: z.strictObject({ name: z.string().min(2).max(100).describe('Full or partial name, e.g. "Dana Smith".') }),
    http: { method: 'GET', path: '/api/users' },
    readOnly: true, idempotent: true, reads: ['users'], writes: [], userScoped: false,
  },
  {
    name: 'check_permissions',
    description: 'Checks whether a user may access a resource (a ticket id or a system name) and with which role.',
    input: z.strictObject({ userId, resource: z.string().min(1).max(100).describe('Ticket id ("INC-4821") or system ("billing").') }),
    http: { method: 'GET', path: '/api/permissions' },
    readOnly: true, idempotent: true, reads: ['user:{userId}', 'ticket:{resource}'], writes: [], userScoped: true,
  },
  {
    name: 'get_ticket_status',
    description: 'Gets a ticket: title, status, priority, requester and assignee.',
    input: z.strictObject({ ticketId }),
    http: { method: 'GET', path: '/api/tickets/{ticketId}' },
    readOnly: true, idempotent: true, reads: ['ticket:{ticketId}'], writes: [], userScoped: true,
  },
  {
    name: 'search_kb',
    description: 'Searches the IT knowledge base; returns the best matching articles with their current answers.',
    input: z.strictObject({ query: z.string().min(2).max(200).describe('What the user wants to do, e.g. "set up vpn".') }),
    http: { method: 'GET', path: '/api/kb/search' },
    readOnly: true, idempotent: true, reads: ['kb'], writes: [], userScoped: false,
  },
  {
    name: 'get_incident_history',
    description: 'Lists incidents of one priority for the current or the previous quarter, with counts per month.',
    input: z.strictObject({
      priority: z.enum(priorities).describe('P1 (highest) to P4.'),
      quarter: z.enum(['current', 'previous']).describe('"current" (to date) or "previous".'),
    }),
    http: { method: 'GET', path: '/api/incidents' },
    readOnly: true, idempotent: true, reads: ['incidents:{priority}'], writes: [], userScoped: false,
  },
  {
    name: 'get_system_logs',
    description: 'Gets the log entries of one system (auth, api-gateway, billing) for an error code.',
    input: z.strictObject({ system, errorCode: z.string().regex(/^ERR-\d{4}$/, 'an error code such as "ERR-5521"').describe('Error code, e.g. "ERR-5521".') }),
    http: { method: 'GET', path: '/api/logs/{system}' },
    readOnly: true, idempotent: true, reads: ['logs:{system}', 'error:{errorCode}'], writes: [], userScoped: false,
  },
  {
    name: 'get_recent_changes',
    description: 'Lists the recent changes (deployments) of one system, newest first.',
    input: z.strictObject({ system }),
    http: { method: 'GET', path: '/api/changes' },
    readOnly: true, idempotent: true, reads: ['changes:{system}'], writes: [], userScoped: false,
  },
  {
    name: 'reset_password',
    description: "Resets a user's password and e-mails them a reset link.",
    input: z.strictObject({ userId }),
    http: { method: 'POST', path: '/api/users/{userId}/password-reset' },
    readOnly: false, idempotent: false, reads: [], writes: ['user:{userId}'], userScoped: true,
  },
  {
    name: 'update_ticket',
    description: 'Changes the status of a ticket and/or adds a comment to it.',
    input: z.strictObject({
      ticketId,
      status: z.enum(ticketStatuses).optional().describe('New status.'),
      comment: z.string().min(1).max(2000).optional().describe('Comment to add.'),
    }),
    http: { method: 'PATCH', path: '/api/tickets/{ticketId}' },
    readOnly: false, idempotent: false, reads: ['ticket:{ticketId}'], writes: ['ticket:{ticketId}'], userScoped: true,
  },
];
