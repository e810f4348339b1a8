// Benchmark: `ontsluit serve` under abuse: p99 latency of /doc/, a file and a cheap query while N expensive queries run (autocannon, 127.0.0.1 only).
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

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

/** `ontsluit serve` on the committed release, in its own process, on a free loopback port. */
async function startServer(): Promise<{ child: ChildProcess; origin: string }> {
  const args = [join(root, 'bin', 'ontsluit.js'), 'serve', '--release', join(root, 'dist'), '--host', '127.0.0.1', '--port', '0', '--query-timeout', String(QUERY_TIMEOUT_MS)];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const origin = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve did not start: ${log}`)), 20_000);
    child.stderr!.on('data', (chunk) => {
      log += chunk;
      const match = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        done(match[1]!);
      }
    });
  });
  return { child, origin };
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

async function measure(origin: string, path: string): Promise<{ p99: number; total: number; statuses: string }> {
  const result = await autocannon({ url: `${origin}${path}`, connections: CONNECTIONS, duration: SECONDS, timeout: 15 });
  const stats = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  const statuses = Object.entries(stats).map(([code, { count }]) => `${code}×${count}`).join(' ');
  return { p99: result.latency.p99, total: result.requests.total, statuses: result.timeouts ? `${statuses} timeouts×${result.timeouts}` : statuses };
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
