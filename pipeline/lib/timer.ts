// Wall-clock and CPU milliseconds per stage of a run, for the run report and the benchmark (never in the release).

export interface Timer {
  /** Runs `work`, adding its duration to `stage`. */
  time<T>(stage: string, work: () => Promise<T> | T): Promise<T>;
  /** Wall-clock milliseconds per stage. */
  readonly timings: Record<string, number>;
  /** CPU milliseconds of the process per stage: every thread's (compression and garbage collection run beside the main one). */
  readonly cpu: Record<string, number>;
}

const tenth = (ms: number) => Math.round(ms * 10) / 10;
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

export function createTimer(): Timer {
  const timings: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  return {
    timings,
    cpu,
    async time(stage, work) {
      const [start, cpuStart] = [performance.now(), cpuMs()];
      try {
        return await work();
      } finally {
        timings[stage] = tenth(performance.now() - start + (timings[stage] ?? 0));
        cpu[stage] = tenth(cpuMs() - cpuStart + (cpu[stage] ?? 0));
      }
    },
  };
}
