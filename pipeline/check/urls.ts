// URL checks for the MQA: HEAD every access and download URL, on the release served on loopback or live.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type UrlCheckMode = 'local' | 'live' | 'none';

export interface UrlCheck {
  mode: UrlCheckMode;
  /** HTTP status per URL as checked; absent when not checked. */
  statuses: Map<string, number>;
  /** Where the URLs were sent (the loopback origin for 'local'). */
  checkedAt: string | null;
}

/** A release file as the loopback server needs it: its size for HEAD, its bytes (read when asked for) for GET. */
export interface ReleaseBytes {
  size: number;
  read: () => Buffer;
}

const MEDIA: Record<string, string> = {
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json',
  '.jsonld': 'application/ld+json',
  '.ttl': 'text/turtle; charset=utf-8',
  '.nt': 'application/n-triples',
  '.rdf': 'application/rdf+xml',
};

/** A minimal read-only server over release files on 127.0.0.1, for checking URLs before they are hosted. */
async function serveFiles(files: Map<string, ReleaseBytes>): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    } catch {
      // A malformed escape (`%E0%A4%A`) names no file: an error thrown here would end the process.
      res.writeHead(400).end();
      return;
    }
    const file = files.get(path);
    if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(file ? 405 : 404).end();
      return;
    }
    const type = MEDIA[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'content-length': file.size });
    res.end(req.method === 'HEAD' ? undefined : file.read());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** HEAD of a live URL through got (loaded here: ~0.18 s of CPU that a run checking on loopback does without). */
async function head(url: string): Promise<number> {
  const { default: got } = await import('got');
  try {
    const response = await got.head(url, { throwHttpErrors: false, followRedirect: true, timeout: { request: 10_000 }, retry: { limit: 1 } });
    return response.statusCode;
  } catch {
    return 0;
  }
}

/** HEAD of a URL on the loopback server, with Node's own client: that server never redirects; 0 when there is no answer. */
function loopbackHead(url: string): Promise<number> {
  return new Promise((resolve) => {
    try {
      const sent = request(url, { method: 'HEAD', timeout: 10_000 }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      sent.on('timeout', () => sent.destroy());
      sent.on('error', () => resolve(0));
      sent.end();
    } catch {
      resolve(0);
    }
  });
}

/**
 * HEAD-checks `urls`. 'local': URLs under `baseUrl` go to a loopback server over `files` (the release
 * as it will be hosted); 'live': the URLs themselves; 'none': nothing is checked.
 */
export async function checkUrls(urls: string[], mode: UrlCheckMode, baseUrl: string, files: Map<string, ReleaseBytes>, originMap: Record<string, string> = {}): Promise<UrlCheck> {
  const statuses = new Map<string, number>();
  if (mode === 'none') return { mode, statuses, checkedAt: null };
  const base = baseUrl.replace(/\/+$/, '');
  if (mode === 'live') {
    // A live check may go through a mirror (`--origin`), e.g. `ontsluit serve` on this machine.
    const target = (url: string) => Object.entries(originMap).reduce((u, [from, to]) => (u === from || u.startsWith(`${from}/`) ? to + u.slice(from.length) : u), url);
    for (const url of [...new Set(urls)].sort()) statuses.set(url, await head(target(url)));
    const mirrors = Object.entries(originMap).map(([from, to]) => `${from} via ${to}`);
    return { mode, statuses, checkedAt: mirrors.length ? mirrors.join(', ') : base };
  }
  const { origin, server } = await serveFiles(files);
  try {
    for (const url of [...new Set(urls)].sort()) if (url.startsWith(`${base}/`)) statuses.set(url, await loopbackHead(`${origin}${url.slice(base.length)}`));
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  return { mode, statuses, checkedAt: 'the release served on 127.0.0.1, as it will be under the base URL' };
}
