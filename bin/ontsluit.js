#!/usr/bin/env node
// Entry point of the `ontsluit` command: runs the compiled CLI (built by `npm install` through `prepare`).
import { main } from '../build/pipeline/cli.js';

process.exitCode = await main(process.argv);
