// The release's files over HTTP: small files and their compressed copies answered from memory, read (and compressed) once per release version; large ones streamed with ranges.
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fresh from 'fresh';
import Negotiator from 'negotiator';
import { CSVW_GROUP, XLSX_MEDIA_TYPE } from '../emit/files.js';
import { COPIES_FROM, ENCODINGS, encode, worthCoding } from '../encodings.js';

/** Media types by file name ending: what the mime table gives, with the charset of text, and names it lacks. */
const TYPES: [string, string][] = [
  [CSVW_GROUP, 'application/csvm+json'],
  ['.csv', 'text/csv; charset=utf-8'],
  ['.ttl', 'text/turtle; charset=utf-8'],
  ['.nt', 'application/n-triples'],
  ['.jsonld', 'application/ld+json'],
  ['.json', 'application/json; charset=utf-8'],
  ['.rdf', 'application/rdf+xml'],
  ['.html', 'text/html; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.xlsx', XLSX_MEDIA_TYPE],
  ['.txt', 'text/plain; charset=utf-8'],
];
export const mediaTypeOf = (path: string) => TYPES.find(([end]) => path.endsWith(end))?.[1] ?? 'application/octet-stream';

/**
 * Files up to this size are kept in memory once read (`memoryFileBytes` sets another); at most
 * `MEMORY_TOTAL_BYTES` in all, copies included. Larger files are streamed from disk. Publish writes
 * the copies of files from this size on; the server makes those of smaller ones.
 */
export const MEMORY_FILE_BYTES = COPIES_FROM;
const MEMORY_TOTAL_BYTES = 256 * 1024 * 1024;

interface FileEntry {
  /** Path below the release directory, with `/`. */
  file: string;
  size: number;
  modified: Date;
  /** As @fastify/send makes it: size and time of the file, so that each copy has its own. */
  etag: string;
  /** The pre-compressed copies beside the file, by coding. */
  codings: Map<string, FileEntry>;
}

/** Every file below `root` by its URL path; a directory with an index.html is also found at `/dir/` and `/dir`. */
async function index(root: string): Promise<Map<string, FileEntry>> {
  const files = new Map<string, FileEntry>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = relative(root, join(entry.parentPath, entry.name)).split(sep).join('/');
    const info = await stat(join(root, file));
    files.set(`/${file}`, { file, size: info.size, modified: info.mtime, etag: `W/"${info.size.toString(16)}-${info.mtime.getTime().toString(16)}"`, codings: new Map() });
  }
  for (const [path, entry] of files) {
    for (const { name, suffix } of ENCODINGS) {
      const copy = files.get(`${path}${suffix}`);
      if (copy) entry.codings.set(name, copy);
    }
    if (path.endsWith('/index.html')) {
      const dir = path.slice(0, -'index.html'.length);
      files.set(dir, entry);
      if (dir !== '/') files.set(dir.slice(0, -1), entry);
    }
  }
  return files;
}

/** The path of a request: as sent, or decoded when it has escapes (only paths of the listed files are ever answered). */
function pathOf(url: string): string {
  const path = url.split('?')[0]!;
  if (!path.includes('%')) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    return '';
  }
}

/** One version of the release: its files, and those read into memory so far. */
interface Version {
  dir: string;
  files: Map<string, FileEntry>;
  memory: Map<string, Buffer>;
  /** Bytes being read or made for the requests that asked first: those asking meanwhile wait for the same. */
  making: Map<string, Promise<Buffer>>;
  held: number;
}

const openVersion = async (dir: string): Promise<Version> => ({ dir, files: await index(dir), memory: new Map(), making: new Map(), held: 0 });

/**
 * The version `root` is now: a symlinked release is swapped at each publish, so the link is read
 * again at most once a second (in the background: requests meanwhile get the version before, which
 * publish keeps until the next one).
 */
function tracker(root: string, first: Version): () => Version {
  let current = first;
  let checked = Date.now();
  let busy = false;
  return () => {
    if (!busy && Date.now() - checked >= 1000) {
      busy = true;
      checked = Date.now();
      void realpath(root)
        .then(async (dir) => {
          if (dir !== current.dir) current = await openVersion(dir);
        })
        .catch(() => undefined)
        .finally(() => (busy = false));
    }
    return current;
  };
}

/**
 * The bytes of `file` in `release`'s memory, made by `make` the first time (once, however many ask at
 * that moment) and kept while the memory allows; else made again when asked.
 */
async function held(release: Version, file: string, make: () => Promise<Buffer>): Promise<Buffer> {
  const kept = release.memory.get(file);
  if (kept) return kept;
  let making = release.making.get(file);
  if (!making) {
    making = make().finally(() => release.making.delete(file));
    release.making.set(file, making);
    const bytes = await making;
    if (release.held + bytes.length <= MEMORY_TOTAL_BYTES) {
      release.memory.set(file, bytes);
      release.held += bytes.length;
    }
    return bytes;
  }
  return making;
}

type Coding = (typeof ENCODINGS)[number]['name'];
/** The coding of `codings` the request accepts and prefers in their order, if any. */
const negotiated = (request: FastifyRequest, codings: string[]) =>
  (new Negotiator(request) as Negotiator & { encoding(available: string[], options: { preferred: string[] }): string | undefined }).encoding([...codings, 'identity'], { preferred: codings });

/**
 * GET and HEAD of every file of the release in `root`, listed once per version. A file with a `.br`
 * or `.gz` copy beside it, written at publish time (see encodings.ts), is sent as that copy to a
 * client that accepts the coding, with `Vary: Accept-Encoding`. A smaller text file has its copies
 * made here the first time one is asked for (`encode`, the bytes publish would write) and kept in
 * memory with it: nothing is compressed per request while the memory holds them.
 * ETag, Last-Modified and Cache-Control as @fastify/static gives them, which streams the files over
 * 1 MiB (with ranges).
 */
export async function releaseFiles(app: FastifyInstance, { root, memoryFileBytes = MEMORY_FILE_BYTES }: { root: string; memoryFileBytes?: number }): Promise<void> {
  const version = tracker(root, await openVersion(await realpath(root)));
  await app.register(fastifyStatic, { root, serve: false, etag: true, lastModified: true, cacheControl: true, maxAge: 300_000, preCompressed: true });
  // Files sent by @fastify/static get the same media types as those sent from memory.
  app.addHook('onSend', async (request, reply, payload) => {
    const entry = version().files.get(pathOf(request.url));
    if (entry && reply.statusCode === 200) reply.header('content-type', mediaTypeOf(entry.file));
    return payload;
  });
  app.route({
    method: ['GET', 'HEAD'],
    url: '/*',
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const release = version();
      const entry = release.files.get(pathOf(request.url));
      if (!entry) return reply.callNotFound();
      const type = mediaTypeOf(entry.file);
      // No copies beside it: a text file held in memory gets them here.
      const makes = entry.codings.size === 0 && entry.size <= memoryFileBytes && worthCoding(type, entry.size);
      const codings = makes ? ENCODINGS.map((e) => e.name as string) : [...entry.codings.keys()];
      const negotiatedCoding = codings.length ? negotiated(request, codings) : undefined;
      const coding = negotiatedCoding === 'identity' ? undefined : negotiatedCoding;
      /** A file of the release, read into memory once. */
      const read = (file: string) => () => held(release, file, () => readFile(join(release.dir, file)));
      let sent: { etag: string; modified: Date; size: number; coding?: string; bytes: () => Promise<Buffer> } = { ...entry, bytes: read(entry.file) };
      if (coding && !makes) {
        const copy = entry.codings.get(coding)!;
        sent = { ...copy, coding, bytes: read(copy.file) };
      } else if (coding) {
        const suffix = ENCODINGS.find((e) => e.name === coding)!.suffix;
        const copy = await held(release, `${entry.file}${suffix}`, async () => encode(await read(entry.file)(), coding as Coding));
        // A copy no smaller than its file is not sent: publish would not have written it either.
        if (copy.length < entry.size) sent = { etag: `${entry.etag.slice(0, -1)}-${coding}"`, modified: entry.modified, size: copy.length, coding, bytes: async () => copy };
      }
      if (sent.size > memoryFileBytes) return reply.sendFile(entry.file, release.dir);
      reply.header('content-type', type).header('etag', sent.etag).header('last-modified', sent.modified.toUTCString()).header('cache-control', 'public, max-age=300');
      if (codings.length) reply.header('vary', 'accept-encoding');
      if (sent.coding) reply.header('content-encoding', sent.coding);
      // The request's If-None-Match or If-Modified-Since still holds the file's: 304 Not Modified.
      if (fresh(request.headers, { etag: sent.etag, 'last-modified': sent.modified.toUTCString() })) return reply.code(304).send();
      if (request.method === 'HEAD') return reply.header('content-length', sent.size).send();
      return reply.send(await sent.bytes());
    },
  });
}
