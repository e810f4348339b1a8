// Benchmark: `ontsluit serve` under abuse (p99 of /doc/, a file and a cheap query while N expensive queries run) and the request rate of its pages at scale (autocannon, 127.0.0.1 only).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { corpus } from './scale.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CARTESIAN = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }';
const TARGETS = {
  '/doc/': '/doc/actieplan/2020-2022/actiepunt/1',
  file: '/actieplan-open-overheid-2020-2022/actions.csv',
  'ASK {}': `/sparql?query=${encodeURIComponent('ASK {}')}`,
} as const;
/** Seconds per measurement, connections per measurement, and the numbers of expensive queries kept in flight. */
const SECONDS = 5;
const CONNECTIONS = 4;
const IN_FLIGHT = [0, 2, 6, 8];
const QUERY_TIMEOUT_MS = 2_000;

/** `ontsluit serve` (by default this build, on the committed release), in its own process, on a free loopback port. */
async function startServer(release = join(root, 'dist'), bin = join(root, 'bin', 'ontsluit.js'), startMs = 20_000): Promise<{ child: ChildProcess; origin: string; startedMs: number }> {
  const args = [bin, 'serve', '--release', release, '--host', '127.0.0.1', '--port', '0', '--query-timeout', String(QUERY_TIMEOUT_MS)];
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const origin = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve did not start: ${log}`)), startMs);
    child.on('exit', (code) => fail(new Error(`serve exited with ${code} before it listened: ${log.slice(-3000)}`)));
    child.stderr!.on('data', (chunk) => {
      log += chunk;
      const match = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        done(match[1]!);
      }
    });
  });
  return { child, origin, startedMs: performance.now() - started };
}

/** Keeps `n` expensive queries in flight until stopped (one refused is sent again 100 ms later); counts how they were answered. */
function expensiveLoad(origin: string, n: number): { stop(): Promise<Record<number, number>> } {
  const statuses: Record<number, number> = {};
  const pending = new Set<AbortController>();
  let running = true;
  const loop = async () => {
    while (running) {
      const controller = new AbortController();
      pending.add(controller);
      const res = await fetch(`${origin}/sparql?query=${encodeURIComponent(CARTESIAN)}`, { signal: controller.signal }).catch(() => undefined);
      pending.delete(controller);
      if (!res) return;
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      await res.arrayBuffer().catch(() => undefined);
      if (res.status === 503) await new Promise((done) => setTimeout(done, 100));
    }
  };
  const loops = Array.from({ length: n }, loop);
  return {
    async stop() {
      running = false;
      for (const controller of pending) controller.abort();
      await Promise.all(loops);
      return statuses;
    },
  };
}

async function measure(origin: string, path: string, connections = CONNECTIONS, headers: Record<string, string> = {}): Promise<{ p99: number; total: number; rate: number; bytes: number; statuses: string }> {
  const result = await autocannon({ url: `${origin}${path}`, connections, duration: SECONDS, timeout: 15, headers });
  const stats = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  const statuses = Object.entries(stats).map(([code, { count }]) => `${code}×${count}`).join(' ');
  const rate = result.requests.total / (result.duration || SECONDS);
  return { p99: result.latency.p99, total: result.requests.total, rate, bytes: result.throughput.total / Math.max(1, result.requests.total), statuses: result.timeouts ? `${statuses} timeouts×${result.timeouts}` : statuses };
}

/** What a visitor and a linked-data client ask for, as they ask for it: the rate target is 1000 requests/s each at 10⁵ entries. */
const PAGES: [string, string, Record<string, string>][] = [
  ['catalog.ttl, brotli', '/catalog.ttl', { 'accept-encoding': 'br' }],
  ['/id/ (303)', '/id/actieplan/2020-2022/actiepunt/1', { accept: 'text/html' }],
  ['/doc/ page', '/doc/actieplan/2020-2022/actiepunt/1', { accept: 'text/html', 'accept-encoding': 'br, gzip' }],
  ['landing page', '/actieplan-open-overheid-2020-2022/', { accept: 'text/html', 'accept-encoding': 'br, gzip' }],
];
const RATE_CONNECTIONS = 50;

/** CPU seconds (user + system, all threads) a process has used so far, from /proc (Linux); NaN elsewhere. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/**
 * Requests per second of each page under 50 connections, against `release` served by `bin`; and the
 * server's CPU per request, which a busy machine does not change: 1000 req/s need ≤ 1 ms on one core.
 */
export async function benchServeRate(release: string, label: string, bin?: string): Promise<void> {
  const { child, origin, startedMs } = await startServer(release, bin, 1_800_000);
  try {
    console.log(`serve rate, ${label} (${RATE_CONNECTIONS} connections × ${SECONDS} s per line, loopback; serve started in ${(startedMs / 1000).toFixed(1)} s):`);
    for (const [name, path, headers] of PAGES) {
      const cpu = cpuSeconds(child.pid!);
      const m = await measure(origin, path, RATE_CONNECTIONS, headers);
      const perRequest = ((cpuSeconds(child.pid!) - cpu) / m.total) * 1000;
      console.log(`  ${name}: ${m.rate.toFixed(0)} req/s (target ≥ 1000), p99 ${m.p99} ms, server CPU ${perRequest.toFixed(2)} ms per request, ${(m.bytes / 1024).toFixed(1)} KiB per response (${m.statuses})`);
    }
  } finally {
    child.kill('SIGTERM');
  }
}

/** Entries → updates × actions of the generated corpus (up to 999 actions: the 10⁵ shape of scale.ts has 2000). */
const RATE_SHAPES: Record<number, [number, number]> = { 1_000: [10, 100], 10_000: [20, 500], 100_000: [100, 999] };

/** A release of a generated corpus of `entries` entries, built by `ontsluit run` in a temp dir (removed with `done`). */
function scaleRelease(entries: number): { release: string; done: () => void } {
  const [n, m] = RATE_SHAPES[entries] ?? [10, 100];
  const data = corpus(n, m);
  const out = mkdtempSync(join(tmpdir(), 'ontsluit-rate-'));
  const args = ['--max-old-space-size=12000', '--stack-size=8000', join(root, 'bin', 'ontsluit.js'), 'run', '--data', data, '--out', join(out, 'dist'), '--state-dir', join(out, 'state'), '--url-check', 'none', '--log-level', 'error'];
  const built = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  rmSync(data, { recursive: true, force: true });
  if (built.status !== 0) throw new Error(`run of the ${entries}-entry corpus exited ${built.status}: ${built.stderr.slice(-2000)}`);
  return { release: join(out, 'dist'), done: () => rmSync(out, { recursive: true, force: true }) };
}

/** Prints, per number of expensive queries in flight, the p99 latency of /doc/, a file and a cheap query. */
export async function benchEndpointLoad(): Promise<void> {
  const { child, origin } = await startServer();
  try {
    console.log(`endpoint under load (${CONNECTIONS} connections × ${SECONDS} s per line, query timeout ${QUERY_TIMEOUT_MS / 1000} s, 2 query workers):`);
    for (const n of IN_FLIGHT) {
      const load = expensiveLoad(origin, n);
      await new Promise((done) => setTimeout(done, 300));
      const lines: string[] = [];
      for (const [name, path] of Object.entries(TARGETS)) {
        const m = await measure(origin, path);
        lines.push(`${name} p99 ${m.p99} ms (${m.total} requests: ${m.statuses})`);
      }
      const expensive = await load.stop();
      const answered = Object.entries(expensive).map(([code, count]) => `${code}×${count}`).join(' ') || 'none answered yet';
      console.log(`  ${n} expensive in flight: ${lines.join('; ')}; expensive queries: ${answered}`);
    }
  } finally {
    child.kill('SIGTERM');
  }
}

// `node build/bench/endpoint-load.js [--entries 100000 | --release DIR] [--bin OTHER/bin/ontsluit.js]`: the request rates only.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const flag = (name: string) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? process.argv[at + 1] : undefined;
  };
  const given = flag('--release');
  const entries = Number(flag('--entries') ?? 1_000);
  const { release, done } = given ? { release: resolve(given), done: () => undefined } : scaleRelease(entries);
  try {
    await benchServeRate(release, given ? release : `${entries} entries (generated corpus)`, flag('--bin') && resolve(flag('--bin')!));
  } finally {
    done();
  }
}
