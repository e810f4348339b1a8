#!/usr/bin/env node
// Entry point of the `ontsluit` command: runs the compiled CLI (built by `npm install` through `prepare`).
import { main } from '../build/pipeline/cli.js';
import { boundHeapGrowth } from '../build/pipeline/lib/heap.js';

boundHeapGrowth();
process.exitCode = await main(process.argv);
