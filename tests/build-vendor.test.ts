// The vendor modules as the build bundles them: each one file with its libraries, exporting what its source exports; the bundler itself on a module of its own.
import { builtinModules } from 'node:module';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleVendor } from '../pipeline/build-vendor.js';
import { ROOT } from './helpers.js';

const BUILT = join(ROOT, 'build', 'pipeline', 'vendor');
const NAMES = readdirSync(join(ROOT, 'pipeline', 'vendor'))
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
  .map((name) => name.slice(0, -'.ts'.length));

/** What a file imports statically: `import … from "x"`, `export … from "x"` and `import "x"` at the start of a line. */
function staticImports(code: string): string[] {
  return [...code.matchAll(/^(?:import|export)\b[^;'"]*?(?:from\s*)?["']([^"']+)["'];?$/gm)].map((m) => m[1]!);
}

/** Node's own modules, and the chunks the bundle shares: nothing a run must find in node_modules. */
const selfContained = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(specifier) || /^\.\/chunk-[A-Z0-9]+\.js$/.test(specifier);

/** Exported names and the kind of each value. */
const shape = (module: Record<string, unknown>) => Object.fromEntries(Object.keys(module).sort().map((key) => [key, typeof module[key]]));

describe('the vendor modules of the build (build/pipeline/vendor/)', () => {
  it('are bundles: they import only Node modules and their shared chunks', () => {
    expect(NAMES).toEqual(expect.arrayContaining(['charts', 'html', 'shacl', 'workbook']));
    const files = readdirSync(BUILT).filter((name) => name.endsWith('.js'));
    expect(files.filter((name) => !name.startsWith('chunk-')).sort()).toEqual(NAMES.map((name) => `${name}.js`).sort());
    for (const file of files) {
      const code = readFileSync(join(BUILT, file), 'utf8');
      expect(staticImports(code).filter((specifier) => !selfContained(specifier)), file).toEqual([]);
    }
    // The libraries are inside: the charts module holds vega's code, not an import of it.
    const charts = readFileSync(join(BUILT, 'charts.js'), 'utf8');
    expect(charts).toContain('node_modules/vega-view/');
    expect(charts.length).toBeGreaterThan(500_000);
  });

  it('export what their sources export', async () => {
    for (const name of NAMES) {
      const bundled = (await import(pathToFileURL(join(BUILT, `${name}.js`)).href)) as Record<string, unknown>;
      const source = (await import(`../pipeline/vendor/${name}.ts`)) as Record<string, unknown>;
      expect(shape(bundled), name).toEqual(shape(source));
      expect(Object.keys(bundled).length, name).toBeGreaterThan(0);
    }
  });
});

describe('bundleVendor', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('bundles each module in place, drops the compiler maps and stale chunks, and can bundle its own output again', async () => {
    // Inside the project, where the module finds the libraries in node_modules.
    dir = mkdtempSync(join(ROOT, 'build', '.test-vendor-'));
    writeFileSync(join(dir, 'html.js'), "export { h } from 'hastscript';\nexport { toHtml } from 'hast-util-to-html';\n//# sourceMappingURL=html.js.map\n");
    writeFileSync(join(dir, 'html.js.map'), '{}');
    writeFileSync(join(dir, 'chunk-STALE0.js'), 'export {};');
    expect(await bundleVendor(dir)).toMatch(/1 modules bundled/);
    const files = readdirSync(dir);
    expect(files).toContain('html.js');
    expect(files).not.toContain('html.js.map');
    expect(files).not.toContain('chunk-STALE0.js');
    expect(readdirSync(join(dir, '..')).filter((name) => name.startsWith('.vendor-'))).toEqual([]);
    const code = readFileSync(join(dir, 'html.js'), 'utf8');
    expect(staticImports(code).filter((specifier) => !selfContained(specifier))).toEqual([]);
    const { h, toHtml } = (await import(`${pathToFileURL(join(dir, 'html.js')).href}?first`)) as typeof import('../pipeline/vendor/html.js');
    expect(toHtml(h('p', { title: 'a<b' }, 'x & y'))).toBe('<p title="a<b">x &#x26; y</p>');
    // A second build bundles the bundle: the same module, still whole.
    await bundleVendor(dir);
    const again = (await import(`${pathToFileURL(join(dir, 'html.js')).href}?second`)) as typeof import('../pipeline/vendor/html.js');
    expect(again.toHtml(again.h('p', 'x & y'))).toBe('<p>x &#x26; y</p>');
  });

  it('leaves the modules as compiled where esbuild is not installed', async () => {
    dir = mkdtempSync(join(ROOT, 'build', '.test-vendor-'));
    const source = "export { h } from 'hastscript';\n";
    writeFileSync(join(dir, 'html.js'), source);
    const missing = () => Promise.reject(Object.assign(new Error("Cannot find package 'esbuild'"), { code: 'ERR_MODULE_NOT_FOUND' }));
    expect(await bundleVendor(dir, missing)).toMatch(/esbuild is not installed/);
    expect(readFileSync(join(dir, 'html.js'), 'utf8')).toBe(source);
    const { h } = (await import(pathToFileURL(join(dir, 'html.js')).href)) as typeof import('../pipeline/vendor/html.js');
    expect(h('p').tagName).toBe('p');
  });
});
