// A state file written atomically (temporary file, then rename), so a crash mid-write never leaves a
// truncated state for the next start to trip over.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { HotpathError } from '../util/index.js';
import type { ClassifierStateStore } from './classifier-state-store.js';

export interface FileClassifierStateStoreOptions {
  path: string;
}

export function createFileClassifierStateStore(options: FileClassifierStateStoreOptions): ClassifierStateStore {
  const { path } = options;
  if (typeof path !== 'string' || path.length === 0) {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', 'createFileClassifierStateStore: path must be a non-empty string', { details: { option: 'path' } });
  }
  let writes = 0;
  return {
    location: `file ${path}`,
    async read() {
      try {
        return await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw new HotpathError('HOTPATH_INTERNAL', `Cannot read the classifier state file ${path}: ${(error as Error).message}`, { cause: error });
      }
    },
    async write(serialized) {
      const temporary = `${path}.${process.pid}.${++writes}.tmp`;
      try {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(temporary, serialized, 'utf8');
        await rename(temporary, path);
      } catch (error) {
        throw new HotpathError('HOTPATH_INTERNAL', `Cannot write the classifier state file ${path}: ${(error as Error).message}`, { cause: error });
      }
    },
  };
}
