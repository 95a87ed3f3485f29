// Tags as a cache stores them, so that a notice scoped to one tenant or one user evicts only what
// concerns them, while an unscoped notice still evicts everything carrying the tag.
//
// An entry tagged "user:7" for tenant T is stored under "user:7" and "user:7␟t=T"; a user-scoped
// entry (user U) also under "user:7␟u=U" and "user:7␟t=T␟u=U"; an entry shared by the tenant's users
// under "user:7␟shared" and "user:7␟t=T␟shared". A notice for user U evicts U's own entries and the
// shared ones (U reads those too), never another user's.

import type { ChangeNotice } from '../../spec/index.js';

const separator = '\u001f';

/** The tags an entry is stored under. `user` undefined: the entry is shared by the tenant's users. */
export function entryTags(options: { tags: readonly string[]; tenant?: string | undefined; user?: string | undefined }): string[] {
  const { tags, user } = options;
  const tenant = `t=${options.tenant ?? ''}`;
  const scoped: string[] = [];
  for (const tag of tags) {
    scoped.push(tag, `${tag}${separator}${tenant}`);
    if (user === undefined) scoped.push(`${tag}${separator}shared`, `${tag}${separator}${tenant}${separator}shared`);
    else scoped.push(`${tag}${separator}u=${user}`, `${tag}${separator}${tenant}${separator}u=${user}`);
  }
  return scoped;
}

/** The stored tags a notice evicts. */
export function noticeTags(notice: Pick<ChangeNotice, 'tags' | 'tenant' | 'user'>): string[] {
  const { tags, tenant, user } = notice;
  if (tenant === undefined && user === undefined) return [...tags];
  const scope = tenant === undefined ? '' : `${separator}t=${tenant}`;
  if (user === undefined) return tags.map((tag) => `${tag}${scope}`);
  return tags.flatMap((tag) => [`${tag}${scope}${separator}u=${user}`, `${tag}${scope}${separator}shared`]);
}

/** The tag that names one cache key, so `invalidate({ keys })` travels as a notice like any other. */
export function keyTag(key: string): string {
  return `${separator}key=${key}`;
}
