// Reads a user's message the way a model would: which intent, and which ticket, person, article,
// priority or error code it is about. Robust to every paraphrase in intents.ts and to casing and
// punctuation.

import type { Priority } from './calendar.js';
import type { DirectoryIndex } from './directory-index.js';
import type { TicketStatus } from './directory-lists.js';
import type { TicketUpdate, WhoIsField } from './intents.js';
import { kbQueryFromText, searchKb } from './kb-search.js';

export type ParsedRequest =
  | { kind: 'ticket-status'; ticketId: string }
  | { kind: 'my-manager' }
  | { kind: 'faq'; query: string }
  | { kind: 'reset-password' }
  | { kind: 'who-is'; userId: string; name: string; field: WhoIsField }
  | { kind: 'update-ticket'; ticketId: string; update: TicketUpdate }
  | { kind: 'trend-analysis'; priority: Priority }
  | { kind: 'debug-error'; errorCode: string };

export function parseServiceDeskRequest(text: string, directory: DirectoryIndex): ParsedRequest | undefined {
  const lower = text.toLowerCase();
  const errorCode = /\berr-(\d{4})\b/i.exec(text);
  if (errorCode) return { kind: 'debug-error', errorCode: `ERR-${errorCode[1]}` };
  const priority = /\bp([1-4])\b/i.exec(text);
  if (priority && /incident/i.test(text)) return { kind: 'trend-analysis', priority: `P${priority[1]}` as Priority };
  const ticket = /\binc-(\d{4})\b/i.exec(text);
  if (ticket) {
    const ticketId = `INC-${ticket[1]}`;
    const update = ticketUpdateOf(text, lower);
    return update ? { kind: 'update-ticket', ticketId, update } : { kind: 'ticket-status', ticketId };
  }
  const person = directory.findByName(text);
  if (person) return { kind: 'who-is', userId: person.id, name: person.name, field: whoIsFieldOf(lower) };
  if (/pass\s?word/.test(lower)) return { kind: 'reset-password' };
  if (/\bmy (line )?manager\b|\bmy boss\b|\bmy supervisor\b|\breport to\b/.test(lower)) return { kind: 'my-manager' };
  const query = kbQueryFromText(text);
  if (query && searchKb(query).length > 0) return { kind: 'faq', query };
  return undefined;
}

function ticketUpdateOf(text: string, lower: string): TicketUpdate | undefined {
  const quoted = /["“]([^"”]+)["”]/.exec(text);
  if (quoted && /\b(comment|note)\b/.test(lower)) return { comment: quoted[1]!.trim() };
  const status = statusOf(lower);
  return status ? { status } : undefined;
}

function statusOf(lower: string): TicketStatus | undefined {
  if (/\bre-?open/.test(lower)) return 'In Progress';
  if (/\bon hold\b/.test(lower)) return 'On Hold';
  if (/\bresolv/.test(lower)) return 'Resolved';
  if (/\bclos(e|ed|ing)\b/.test(lower)) return 'Closed';
  return undefined;
}

function whoIsFieldOf(lower: string): WhoIsField {
  if (/\bmanager\b|\breport(s)? to\b|\bboss\b|\bsupervisor\b/.test(lower)) return 'manager';
  if (/\be-?mail\b/.test(lower)) return 'email';
  if (/\bphone\b|\bcall\b|\bnumber\b/.test(lower)) return 'phone';
  if (/\bdepartment\b|\bteam\b/.test(lower)) return 'department';
  if (/\bwhere\b|\bbased\b|\boffice\b|\blocation\b|\blocated\b/.test(lower)) return 'location';
  if (/\btitle\b|\brole\b|\bjob\b|\bposition\b/.test(lower)) return 'title';
  return 'email';
}
