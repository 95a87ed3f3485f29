import { describe, expect, it } from 'vitest';
import type { ChangeNotice } from '../../spec/index.js';
import { entryTags, keyTag, noticeTags } from './scoped-tags.js';

type Entry = { tenant?: string; user?: string };
const evicts = (notice: Omit<ChangeNotice, 'source'>, entry: Entry) => {
  const stored = new Set(entryTags({ tags: ['user:7'], ...entry }));
  return noticeTags(notice).some((tag) => stored.has(tag));
};

describe('scoped tags', () => {
  const entries: Record<string, Entry> = {
    sharedAcme: { tenant: 'acme' },
    aliceAcme: { tenant: 'acme', user: 'alice' },
    bobAcme: { tenant: 'acme', user: 'bob' },
    aliceGlobex: { tenant: 'globex', user: 'alice' },
    noTenant: {},
  };
  const evicted = (notice: Omit<ChangeNotice, 'source'>) => Object.keys(entries).filter((name) => evicts(notice, entries[name]!));

  it('an unscoped notice evicts every entry with the tag', () => {
    expect(evicted({ tags: ['user:7'] })).toEqual(Object.keys(entries));
    expect(evicted({ tags: ['user:8'] })).toEqual([]);
  });

  it('a tenant notice evicts only that tenant', () => {
    expect(evicted({ tags: ['user:7'], tenant: 'acme' })).toEqual(['sharedAcme', 'aliceAcme', 'bobAcme']);
  });

  it('a user notice evicts that user\'s entries and the shared ones, never another user\'s', () => {
    expect(evicted({ tags: ['user:7'], tenant: 'acme', user: 'alice' })).toEqual(['sharedAcme', 'aliceAcme']);
    expect(evicted({ tags: ['user:7'], user: 'alice' })).toEqual(['sharedAcme', 'aliceAcme', 'aliceGlobex', 'noTenant']);
  });

  it('key tags never collide with data tags', () => {
    expect(keyTag('user:7')).not.toBe('user:7');
    expect(entryTags({ tags: ['user:7'] })).not.toContain(keyTag('user:7'));
  });
});
