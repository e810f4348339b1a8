#!/usr/bin/env node
// Entry point of the `ontsluit` command: sizes libuv's thread pool, then runs the compiled CLI (built by `npm install` through `prepare`).
'use strict';
const { availableParallelism } = require('node:os');

// libuv fixes the size of its pool when the pool starts, at the first file read or zlib call off the main
// thread, and an ES module entry is itself read there: so this entry is CommonJS (bin/package.json) and sets
// the size before it loads anything. No more threads than cores, and no more than libuv's own 4: on 2 cores,
// runs of 10⁴ entries with 2 threads took 0.77 s less CPU than with 4 (22 pairs side by side, less in 16),
// as the extra threads only took turns with the main thread. The operator's UV_THREADPOOL_SIZE is kept.
// `threadpoolSize` in pipeline/lib/threadpool.ts gives the same size to the processes the benches start.
process.env.UV_THREADPOOL_SIZE ??= String(Math.min(4, availableParallelism()));

(async () => {
  const { main } = await import('../build/pipeline/cli.js');
  const { boundHeapGrowth } = await import('../build/pipeline/lib/heap.js');
  const { tuneFor } = await import('../build/pipeline/lib/v8-flags.js');
  boundHeapGrowth();
  // V8's settings for the command come before its code is loaded.
  process.exitCode = await main(process.argv, undefined, { beforeCommand: (name) => void tuneFor(name) });
})();
