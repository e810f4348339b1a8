// The version and the root directory of the ontsluit package (found from this file, compiled or not).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackage(): { root: string; version: string } {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'ontsluit' && pkg.version) return { root: dir, version: pkg.version };
  }
  return { root: join(dirname(fileURLToPath(import.meta.url)), '..'), version: '0.0.0' };
}

const found = findPackage();

export const VERSION = found.version;

/** The directory of ontsluit's package.json, with data/ and schemas/ beside it. */
export const PACKAGE_ROOT = found.root;
