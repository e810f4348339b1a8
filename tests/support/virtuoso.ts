// A throwaway Virtuoso (Debian's virtuoso-opensource 7) for tests: its own database in a temp
// directory, ISQL and HTTP on free 127.0.0.1 ports, a random dba password, and a user that may only
// write graphs (SPARQL_UPDATE). `.ci/virtuoso-setup.sh` installs the package on CI.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const VIRTUOSO_T = '/usr/bin/virtuoso-t';
const ISQL = '/usr/bin/isql-vt';
/** The package's ini; postinst copies the second to the first when it is missing. */
const INI_SOURCES = ['/etc/virtuoso-opensource-7/virtuoso.ini', '/usr/share/virtuoso-opensource-7/virtuoso.ini'];
const START_TIMEOUT_MS = 60_000;

export interface Virtuoso {
  /** SPARQL protocol endpoint (read only for anonymous users). */
  sparql: string;
  /** SPARQL protocol endpoint with HTTP Digest authentication: queries and SPARQL 1.1 Update. */
  sparqlAuth: string;
  /** Graph Store Protocol endpoint without authentication (anonymous: 403 on writes). */
  gsp: string;
  /** Graph Store Protocol endpoint with HTTP Digest authentication. */
  gspAuth: string;
  /** A user with SPARQL_UPDATE (and nothing else), and its password. */
  user: string;
  password: string;
  /** Runs SQL through isql-vt as dba; returns its output, throws on `*** Error`. */
  isql(sql: string): Promise<string>;
  /** Milliseconds from spawning virtuoso-t until HTTP answered and the users were set up. */
  startMs: number;
  /** Stops the server (its whole process group) and removes the temp directory. */
  stop(): Promise<void>;
}

/** True when Debian's Virtuoso binaries are installed. */
export function virtuosoAvailable(): boolean {
  return existsSync(VIRTUOSO_T) && existsSync(ISQL) && INI_SOURCES.some((f) => existsSync(f));
}

/** A free TCP port on 127.0.0.1 (free when asked; Virtuoso binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}

/** Sets `key = value` in `[section]` of an ini text (replacing the key's first line, or adding it). */
function setIni(text: string, section: string, key: string, value: string): string {
  const lines = text.split('\n');
  let current = '';
  let header = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const s = /^\s*\[([^\]]+)\]/.exec(line);
    if (s) {
      current = s[1]!.trim();
      if (current === section) header = i;
      continue;
    }
    if (current === section && new RegExp(`^\\s*${key}\\s*=`, 'i').test(line)) {
      lines[i] = `${key} = ${value}`;
      return lines.join('\n');
    }
  }
  if (header === -1) return `${text}\n[${section}]\n${key} = ${value}\n`;
  lines.splice(header + 1, 0, `${key} = ${value}`);
  return lines.join('\n');
}

/** The package's ini with the database in `dir`, both servers on 127.0.0.1 ports, and no VAD auto-install. */
function iniFor(dir: string, isqlPort: number, httpPort: number): string {
  let ini = readFileSync(INI_SOURCES.find((f) => existsSync(f))!, 'utf8');
  const set = (section: string, key: string, value: string) => (ini = setIni(ini, section, key, value));
  set('Database', 'DatabaseFile', join(dir, 'virtuoso.db'));
  set('Database', 'ErrorLogFile', join(dir, 'virtuoso.log'));
  set('Database', 'LockFile', join(dir, 'virtuoso.lck'));
  set('Database', 'TransactionFile', join(dir, 'virtuoso.trx'));
  set('Database', 'xa_persistent_file', join(dir, 'virtuoso.pxa'));
  set('TempDatabase', 'DatabaseFile', join(dir, 'virtuoso-temp.db'));
  set('TempDatabase', 'TransactionFile', join(dir, 'virtuoso-temp.trx'));
  set('Parameters', 'ServerPort', `127.0.0.1:${isqlPort}`);
  set('Parameters', 'DisableUnixSocket', '1');
  // An empty VAD directory: the Conductor (web admin) is not installed, which saves a second at start.
  set('Parameters', 'VADInstallDir', `${join(dir, 'vad')}/`);
  set('HTTPServer', 'ServerPort', `127.0.0.1:${httpPort}`);
  set('URIQA', 'DefaultHost', `127.0.0.1:${httpPort}`);
  return ini;
}

/** Starts a fresh Virtuoso; rejects (and cleans up) when it does not answer within 60 s. */
export async function startVirtuoso(): Promise<Virtuoso> {
  const t0 = performance.now();
  const dir = await mkdtemp(join(tmpdir(), 'ontsluit-virtuoso-'));
  await mkdir(join(dir, 'vad'));
  const [isqlPort, httpPort] = [await freePort(), await freePort()];
  const configFile = join(dir, 'virtuoso.ini');
  await writeFile(configFile, iniFor(dir, isqlPort, httpPort));

  // +foreground keeps virtuoso-t our child; detached puts it in its own process group to stop as a whole.
  const child: ChildProcess = spawn(VIRTUOSO_T, ['+configfile', configFile, '+foreground'], {
    cwd: dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: number | string | null | undefined;
  const gone = new Promise<void>((done) =>
    child.once('exit', (code, signal) => {
      exited = code ?? signal;
      done();
    }),
  );
  child.once('error', (error) => {
    keep(Buffer.from(String(error)));
    exited = 'spawn error';
  });
  const pid = child.pid!;
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  // Never leave a server behind when the test process ends without stop().
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    if (exited === undefined) {
      killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const base = `http://127.0.0.1:${httpPort}`;
  const dbaPassword = randomBytes(12).toString('hex');
  let dba = 'dba'; // the default of a fresh database, until changed below
  const isql = async (sql: string): Promise<string> => {
    const r = spawnSync(ISQL, [`127.0.0.1:${isqlPort}`, 'dba', dba, `exec=${sql}`], { encoding: 'utf8', timeout: 30_000 });
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
    if (r.status !== 0 || /\*\*\* Error/.test(out)) throw new Error(`isql-vt failed (exit ${r.status ?? r.signal}): ${out.trim()}`);
    return out;
  };

  try {
    // HTTP first (it comes up last), then ISQL, each retried until the deadline.
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (exited !== undefined) throw new Error(`virtuoso-t exited (${exited})`);
      if (Date.now() > deadline) throw new Error(`virtuoso-t did not answer on ${base}/sparql within ${START_TIMEOUT_MS / 1000} s`);
      const ok = await fetch(`${base}/sparql?query=${encodeURIComponent('ASK {}')}`, { signal: AbortSignal.timeout(2_000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await sleep(200);
    }
    const user = 'ontsluit';
    const password = randomBytes(12).toString('hex');
    for (;;) {
      try {
        await isql(`DB.DBA.USER_CREATE('${user}', '${password}'); GRANT SPARQL_UPDATE TO "${user}"; USER_PASSWORD_SET('dba', '${dbaPassword}');`);
        dba = dbaPassword;
        break;
      } catch (error) {
        // Only "not listening yet" is worth another try (isql-vt exits 3: `CL033: Connect failed`).
        if (Date.now() > deadline || !/CL033|Connect failed/.test(String(error))) throw error;
        await sleep(200);
      }
    }
    return {
      sparql: `${base}/sparql`,
      sparqlAuth: `${base}/sparql-auth`,
      gsp: `${base}/sparql-graph-crud`,
      gspAuth: `${base}/sparql-graph-crud-auth`,
      user,
      password,
      isql: async (sql) => isql(sql),
      startMs: Math.round(performance.now() - t0),
      stop,
    };
  } catch (error) {
    await stop();
    throw new Error(`cannot start Virtuoso for the tests: ${(error as Error).message}\n${log.trim()}`, { cause: error });
  }
}
