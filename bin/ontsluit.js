#!/usr/bin/env node
// Entry point of the `ontsluit` command: runs the compiled CLI (built by `npm install` through `prepare`).
import { main } from '../build/pipeline/cli.js';
import { boundHeapGrowth } from '../build/pipeline/lib/heap.js';
import { tuneFor } from '../build/pipeline/lib/v8-flags.js';

boundHeapGrowth();
// V8's settings for the command come before its code is loaded.
process.exitCode = await main(process.argv, undefined, { beforeCommand: (name) => void tuneFor(name) });
