// The SPARQL query workers: a pool of threads, each with its own copy of the store, a bounded line of
// waiting queries, and a time limit per query counted from its arrival.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { OntsluitError } from './errors.js';
import type { WorkerInput, WorkerReply, WorkerRequest } from './sparql-worker.js';
import { PACKAGE_ROOT } from './version.js';

/**
 * The worker script: `sparql-worker.js` beside this module once built, or in build/ when this module
 * runs from its TypeScript source (the tests); `npm run build` compiles it with the rest.
 */
export function workerScript(): URL {
  const beside = new URL('./sparql-worker.js', import.meta.url);
  if (beside.protocol === 'file:' && existsSync(fileURLToPath(beside))) return beside;
  const built = join(PACKAGE_ROOT, 'build', 'pipeline', 'sparql-worker.js');
  if (existsSync(built)) return pathToFileURL(built);
  throw new OntsluitError('internal-error', 'the SPARQL worker is not built', { location: { source: built }, expected: 'build/pipeline/sparql-worker.js (run `npm run build`)', found: 'no such file' });
}

export type Reply = Extract<WorkerReply, { type: 'result' }>;

interface Job {
  request: Omit<WorkerRequest, 'id'>;
  timeoutMs: number;
  /** `performance.now()` by which the query must be answered: arrival + timeoutMs. */
  deadline: number;
  /** Fires while the job still waits in line, at its deadline. */
  waiting?: NodeJS.Timeout;
  resolve(reply: Reply): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  active?: { id: number; job: Job; timer: NodeJS.Timeout };
}

const timedOut = (job: Job, ran: boolean) =>
  new OntsluitError('query-timeout', ran ? `the query took longer than ${job.timeoutMs} ms from its arrival and was stopped` : `the query waited ${job.timeoutMs} ms for a free query worker and was not run`, {
    location: { source: 'query' },
    expected: `an answer within ${job.timeoutMs} ms`,
  });

/**
 * Worker threads, each with its own copy of the store; one query at a time per worker, at most
 * `maxQueue` more wait in line (more are refused with query-busy). A query's time limit counts from
 * its arrival: one that waits past its deadline is refused without running.
 */
export class QueryPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 1;

  constructor(
    private readonly script: URL,
    private readonly nquads: string,
    private readonly size: number,
    private readonly maxQueue: number,
  ) {}

  private readonly waiters: (() => void)[] = [];

  /** Starts the workers ahead of the first query. */
  warm(): void {
    while (this.slots.size < this.size) this.spawn();
  }

  /** Resolves when `size` workers are ready (at once if they are). */
  ready(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.updateRefs();
      this.notifyReady();
    });
  }

  private notifyReady(): void {
    if ([...this.slots].filter((slot) => slot.ready).length < this.size) return;
    for (const resolve of this.waiters.splice(0)) resolve();
    this.updateRefs();
  }

  /** Keep the process alive only while a query runs or waits, or someone waits for the workers. */
  private updateRefs(): void {
    const busy = this.queue.length > 0 || this.waiters.length > 0;
    for (const slot of this.slots) {
      if (slot.active || busy) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  run(request: Omit<WorkerRequest, 'id'>, time: { timeoutMs: number; deadline: number }): Promise<Reply> {
    return new Promise<Reply>((resolve, reject) => {
      const job: Job = { request, ...time, resolve, reject };
      const left = job.deadline - performance.now();
      if (left <= 0) return reject(timedOut(job, false));
      this.queue.push(job);
      this.pump();
      if (!this.queue.includes(job)) return;
      if (this.queue.length > this.maxQueue) {
        this.queue.splice(this.queue.indexOf(job), 1);
        this.pump();
        return reject(
          new OntsluitError('query-busy', `every query worker is busy and ${this.maxQueue} queries already wait; try again later`, {
            location: { source: 'query' },
            expected: `at most ${this.maxQueue} waiting queries`,
            found: `${this.maxQueue} waiting`,
          }),
        );
      }
      job.waiting = setTimeout(() => this.expire(job), left);
    });
  }

  async close(): Promise<void> {
    const slots = [...this.slots];
    this.slots.clear();
    for (const job of this.queue.splice(0)) {
      clearTimeout(job.waiting);
      job.reject(new OntsluitError('internal-error', 'the SPARQL store was closed'));
    }
    await Promise.all(
      slots.map((slot) => {
        if (slot.active) {
          clearTimeout(slot.active.timer);
          slot.active.job.reject(new OntsluitError('internal-error', 'the SPARQL store was closed'));
        }
        return slot.worker.terminate();
      }),
    );
  }

  /** A job that reached its deadline while it waited: out of the line, refused without running. */
  private expire(job: Job): void {
    const at = this.queue.indexOf(job);
    if (at === -1) return;
    this.queue.splice(at, 1);
    job.reject(timedOut(job, false));
    this.pump();
  }

  private spawn(): Slot {
    const worker = new Worker(this.script, { workerData: { nquads: this.nquads } satisfies WorkerInput });
    const slot: Slot = { worker, ready: false };
    this.slots.add(slot);
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') {
        slot.ready = true;
        this.notifyReady();
        return this.pump();
      }
      const active = slot.active;
      if (!active || active.id !== reply.id) return;
      clearTimeout(active.timer);
      slot.active = undefined;
      if (reply.type === 'result') active.job.resolve(reply);
      else active.job.reject(queryError(reply.message, reply.tooLarge));
      this.pump();
    });
    worker.on('error', (error: Error & { code?: string }) => this.lost(slot, error));
    worker.on('exit', (code) => this.lost(slot, new OntsluitError('internal-error', `the SPARQL worker stopped (exit code ${code})`)));
    return slot;
  }

  /** A worker that failed or stopped: fail its query, and replace it if queries wait. */
  private lost(slot: Slot, error: Error & { code?: string }): void {
    if (!this.slots.delete(slot)) return;
    const wasReady = slot.ready;
    if (slot.active) {
      clearTimeout(slot.active.timer);
      slot.active.job.reject(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new OntsluitError('query-too-large', 'the query needs more memory than the SPARQL worker may use', { location: { source: 'query' }, cause: error })
          : error,
      );
      slot.active = undefined;
    }
    // A worker that cannot even load the store would fail again: fail the waiting queries instead of
    // looping, and stop waiting for readiness (the first query reports the failure).
    if (!wasReady) for (const resolve of this.waiters.splice(0)) resolve();
    if (!wasReady && this.slots.size === 0)
      for (const job of this.queue.splice(0)) {
        clearTimeout(job.waiting);
        job.reject(error);
      }
    this.pump();
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.active) continue;
      const job = this.queue.shift();
      if (!job) break;
      clearTimeout(job.waiting);
      const id = this.nextId++;
      const timer = setTimeout(() => this.timeout(slot), Math.max(0, job.deadline - performance.now()));
      slot.active = { id, job, timer };
      slot.worker.postMessage({ ...job.request, id } satisfies WorkerRequest);
    }
    if (this.queue.length > 0 && this.slots.size < this.size) this.spawn();
    this.updateRefs();
  }

  /** The only way to stop a synchronous WASM query: terminate its worker, then start a fresh one. */
  private timeout(slot: Slot): void {
    const active = slot.active;
    if (!active) return;
    slot.active = undefined;
    this.slots.delete(slot);
    void slot.worker.terminate();
    active.job.reject(timedOut(active.job, true));
    this.spawn();
    this.pump();
  }
}

/** An error from oxigraph as an OntsluitError: its message, and the line of a syntax error. */
function queryError(message: string, tooLarge?: boolean): OntsluitError {
  if (tooLarge) return new OntsluitError('query-too-large', `the result is too large to build: ${message}`, { location: { source: 'query' } });
  if (/^The service .* is not supported/i.test(message)) {
    return new OntsluitError('query-not-allowed', `federated queries (SERVICE) are not available: ${message}`, { location: { source: 'query' } });
  }
  const line = /^error at (\d+):\d+/.exec(message)?.[1];
  return new OntsluitError('query-invalid', `the query is not valid SPARQL 1.1: ${message}`, { location: line ? { source: 'query', line: Number(line) } : { source: 'query' } });
}
