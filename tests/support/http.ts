// A server of the committed release on a real 127.0.0.1 socket, and raw HTTP requests to it (any method, headers exactly as given, bytes as body).
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { openRelease } from '../../pipeline/release.js';
import { createServer } from '../../pipeline/serve/server.js';
import { ROOT } from '../helpers.js';

export interface Listening {
  origin: string;
  close(): Promise<void>;
}

/** `ontsluit serve` on dist/, listening on 127.0.0.1 at a free port. */
export async function serveDist(options: { queryTimeoutMs?: number; resultLimit?: number } = {}): Promise<Listening> {
  const { app, store } = await createServer({ release: await openRelease(join(ROOT, 'dist')), ...options });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { origin, close: async () => (await app.close(), await store.close()) };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with only the headers given (no Content-Type is added), within 10 s. */
export function raw(origin: string, method: string, path: string, headers: Record<string, string> = {}, body?: Buffer | string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
    const req = httpRequest(`${origin}${path}`, { method, headers: { ...headers, ...(payload ? { 'content-length': String(payload.length) } : {}) }, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in 10 s`)));
    req.on('error', reject);
    req.end(payload);
  });
}
