import { readFileSync } from 'node:fs';

const nodeModules = new URL('../../node_modules/', import.meta.url);

/** The installed version of a package, read from node_modules/<name>/package.json ('unknown' if absent). */
export function packageVersion(name: string): string {
  try {
    const manifest = JSON.parse(readFileSync(new URL(`${name}/package.json`, nodeModules), 'utf8')) as { version?: string };
    return manifest.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
