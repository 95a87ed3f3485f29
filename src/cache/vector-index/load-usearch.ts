// usearch is loaded on first use, not at import: code that never needs it never loads the addon.

import { createRequire } from 'node:module';
import type * as Usearch from 'usearch';
import { HotpathError } from '../../util/index.js';

export type UsearchModule = typeof Usearch;

let usearchModule: UsearchModule | undefined;

export function loadUsearch(): UsearchModule {
  if (usearchModule) return usearchModule;
  try {
    usearchModule = createRequire(import.meta.url)('usearch') as UsearchModule;
    return usearchModule;
  } catch (error) {
    throw new HotpathError('HOTPATH_INTERNAL', 'the usearch native module could not be loaded (vector index)', { cause: error });
  }
}
