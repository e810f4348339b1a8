// Build step: bundles each module of build/pipeline/vendor/ with the libraries it re-exports (esbuild), so that a run loads a few files instead of hundreds.
import { mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The compiled vendor modules (pipeline/vendor/*.ts): each re-exports what the pipeline takes from a library. */
export const VENDOR_DIR = join(dirname(fileURLToPath(import.meta.url)), 'vendor');

/** Code the entries share (n3's terms, readable-stream …) goes into chunks named so: removed before each build. */
const CHUNK = /^chunk-[A-Z0-9]+\.js$/;

/**
 * CommonJS inside an ES module bundle asks for Node's modules through `require`, which an ES module
 * does not have: each output file makes one for it.
 */
const BANNER = "import { createRequire as ontsluitCreateRequire } from 'node:module';\nconst require = ontsluitCreateRequire(import.meta.url);";

/**
 * Replaces the compiled vendor modules by bundles. A run of the bundled sources loaded ~600 files, 490 of
 * them for the charts (vega's 30 packages, d3-geo-projection's 109 files) and the SHACL check
 * (rdf-validate-datatype loads all 119 vocabularies of @tpluscode/rdf-ns-builders for three); each file
 * costs a resolution, a read and a compilation. Without esbuild (installed without its development
 * dependencies) the modules stay as compiled and load the libraries file by file, with the same results.
 * Gives what it did, for the build's output.
 */
export async function bundleVendor(dir = VENDOR_DIR, loadBundler: () => Promise<typeof import('esbuild')> = () => import('esbuild')): Promise<string> {
  const esbuild = await loadBundler().catch(() => undefined);
  if (!esbuild) return `${dir}: esbuild is not installed; the vendor modules load their libraries unbundled`;
  // The compiler's source maps describe the modules before bundling.
  for (const name of readdirSync(dir)) if (CHUNK.test(name) || name.endsWith('.js.map')) rmSync(join(dir, name));
  const entries = readdirSync(dir).filter((name) => name.endsWith('.js'));
  // Written beside the modules first and moved over them once all are written: a failed build leaves them as compiled.
  const out = mkdtempSync(join(dirname(dir), '.vendor-'));
  try {
    await esbuild.build({
      entryPoints: entries.map((name) => join(dir, name)),
      outdir: out,
      bundle: true,
      splitting: true,
      chunkNames: 'chunk-[hash]',
      format: 'esm',
      platform: 'node',
      target: 'node20',
      banner: { js: BANNER },
      logLevel: 'error',
    });
    const written = readdirSync(out);
    for (const name of written) renameSync(join(out, name), join(dir, name));
    return `${dir}: ${entries.length} modules bundled (${written.length - entries.length} shared chunks)`;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await bundleVendor());
