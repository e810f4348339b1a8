// Node 20: every installed package (package-lock.json) supports the oldest Node the README promises.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

interface LockEntry {
  version?: string;
  engines?: Record<string, string> | string[];
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };

describe('engines', () => {
  it('promises Node 20.19 in package.json, as the README does', () => {
    expect(semver.minVersion(pkg.engines.node)?.version).toBe('20.19.0');
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('Node.js 20.19 or newer');
  });

  it('locks no package whose engines.node excludes the oldest supported Node', () => {
    const oldest = semver.minVersion(pkg.engines.node)!.version;
    const refused: string[] = [];
    let checked = 0;
    for (const [path, entry] of Object.entries(lock.packages)) {
      const range = !path || Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (range === undefined) continue;
      checked++;
      if (!semver.satisfies(oldest, range)) refused.push(`${path.replace(/^.*node_modules\//, '')}@${entry.version} wants node ${range}`);
    }
    expect(checked).toBeGreaterThan(50);
    expect(refused, `Node ${oldest}`).toEqual([]);
  });
});
