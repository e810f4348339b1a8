// The size of libuv's thread pool an `ontsluit` process runs with: the rule bin/ontsluit.js applies (as CommonJS, before anything loads), for the processes the benches start.
import { availableParallelism } from 'node:os';

/** `UV_THREADPOOL_SIZE` as given, else no more threads than cores and no more than libuv's own 4. */
export function threadpoolSize(env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): string {
  return env.UV_THREADPOOL_SIZE ?? String(Math.min(4, cores));
}

/** `env` with `UV_THREADPOOL_SIZE` set by that rule: for a child process whose entry is not bin/ontsluit.js, or that preloads a module (which starts the pool first). */
export function withThreadpool(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, UV_THREADPOOL_SIZE: threadpoolSize(env) };
}
