// Preloaded into a CLI process (NODE_OPTIONS=--import …): at exit it writes the CommonJS packages the process loaded to $LOADED_PACKAGES_FILE, one per line.
import { writeFileSync } from 'node:fs';
import Module from 'node:module';
import process from 'node:process';

process.on('exit', () => {
  const names = new Set();
  for (const file of Object.keys(Module._cache)) {
    const match = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
    if (match) names.add(match[1].replace(/\\/g, '/'));
  }
  writeFileSync(process.env.LOADED_PACKAGES_FILE, [...names].sort().join('\n'));
});
