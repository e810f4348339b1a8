// Wall-clock milliseconds per stage of a run, for the run report and the benchmark (never in the release).

export interface Timer {
  /** Runs `work`, adding its duration to `stage`. */
  time<T>(stage: string, work: () => Promise<T> | T): Promise<T>;
  readonly timings: Record<string, number>;
}

export function createTimer(): Timer {
  const timings: Record<string, number> = {};
  return {
    timings,
    async time(stage, work) {
      const start = performance.now();
      try {
        return await work();
      } finally {
        timings[stage] = Math.round((performance.now() - start + (timings[stage] ?? 0)) * 10) / 10;
      }
    },
  };
}
