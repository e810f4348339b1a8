#!/usr/bin/env node
// Entry point of the `ontsluit` command: runs the compiled CLI (built by `npm install` through `prepare`).
import { boundHeapGrowth } from '../build/pipeline/lib/heap.js';
import { delayOptimisation } from '../build/pipeline/lib/v8-flags.js';

// V8's settings come before the CLI's code is loaded.
delayOptimisation();
boundHeapGrowth();
const { main } = await import('../build/pipeline/cli.js');
process.exitCode = await main(process.argv);
