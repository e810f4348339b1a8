// Benchmark preload (node --import): when the process exits, writes its CPU time (all threads, and the processes it waited for) and wall time to fd 3.
import { writeSync } from 'node:fs';
import { childrenCpuMs } from './children-cpu.js';

process.on('exit', () => {
  const cpu = process.cpuUsage();
  writeSync(3, JSON.stringify({ wallMs: performance.now(), cpuMs: (cpu.user + cpu.system) / 1000 + childrenCpuMs(), timings: {} }));
});
