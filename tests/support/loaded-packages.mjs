// Preloaded into a CLI process (NODE_OPTIONS=--import …): at exit it writes to $LOADED_PACKAGES_FILE, one per line, the packages it loaded from node_modules (CommonJS or ES modules) and its vendor modules as `vendor/<name>` (pipeline/vendor/, bundled by the build or not).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const urls = `${process.env.LOADED_PACKAGES_FILE}.urls`;
rmSync(urls, { force: true });
register('./loaded-modules-hooks.mjs', import.meta.url, { data: { file: urls } });

/** `vendor/<name>` for a vendor module, the package name for a file in node_modules. */
function nameOf(file) {
  const vendor = /[\\/]pipeline[\\/]vendor[\\/]([a-z-]+)\.(?:js|ts)$/.exec(file);
  if (vendor) return `vendor/${vendor[1]}`;
  const match = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
  return match ? match[1].replace(/\\/g, '/') : undefined;
}

process.on('exit', () => {
  const files = Object.keys(Module._cache);
  if (existsSync(urls)) for (const url of readFileSync(urls, 'utf8').split('\n')) if (url.startsWith('file:')) files.push(fileURLToPath(url));
  const names = new Set(files.map(nameOf).filter(Boolean));
  writeFileSync(process.env.LOADED_PACKAGES_FILE, [...names].sort().join('\n'));
});
