// The shape every ChangeNotice must have before a bus carries it, with the offending field named.

import type { ChangeNotice } from '../../spec/index.js';
import { HotpathError } from '../../util/index.js';

/** Throws a HotpathError naming the first bad field; returns the notice otherwise. */
export function checkNotice(notice: unknown, where: string): ChangeNotice {
  const bad = (field: string, message: string) =>
    new HotpathError('HOTPATH_INVALID_ARGUMENT', `${where}: ${field} ${message}`, { details: { field } });
  if (typeof notice !== 'object' || notice === null) throw bad('notice', 'must be an object with tags and source');
  const { tags, source, at, tenant, user } = notice as Record<string, unknown>;
  if (!Array.isArray(tags)) throw bad('tags', 'must be an array of strings');
  tags.forEach((tag, index) => {
    if (typeof tag !== 'string' || tag.length === 0) throw bad(`tags[${index}]`, 'must be a non-empty string');
  });
  if (typeof source !== 'string' || source.length === 0) throw bad('source', 'must be a non-empty string');
  if (at !== undefined && !(typeof at === 'number' && Number.isFinite(at))) throw bad('at', 'must be epoch milliseconds');
  if (tenant !== undefined && (typeof tenant !== 'string' || tenant.length === 0)) throw bad('tenant', 'must be a non-empty string when given');
  if (user !== undefined && (typeof user !== 'string' || user.length === 0)) throw bad('user', 'must be a non-empty string when given');
  return notice as ChangeNotice;
}
