// Compressed copies of the release's text files (`<file>.br`, `<file>.gz`): of large files made once at publish time, of the rest by the server once, in memory.
import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { sizeOf, type Manifest } from './manifest.js';
import { MEMORY, type Bytes, type Spool, type Spooled } from './spool.js';

/** The content codings written beside a file, as `Accept-Encoding` names them, with their file suffixes. */
export const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** Smaller files are sent as they are: the coding would save less than a packet. */
export const MIN_COMPRESSED_BYTES = 1024;
/**
 * Publish writes copies of the text files from this size on: those the server streams from disk
 * (`MEMORY_FILE_BYTES` in serve/files.ts). A smaller one the server holds in memory once read, and
 * makes its copies then, once, with `encode`: the bytes publish would have written. At 10⁴ entries
 * the copies of the 1,007 action pages (~15 KB each) were 2,014 of the release's 3,098 files; without
 * them a run took 7.02 s of CPU against 8.47 s (5 alternating pairs, less in each).
 */
export const COPIES_FROM = 1024 * 1024;
/** Text types, RDF and JSON in all their names, SVG: what compresses (not the .xlsx, a zip already). */
export const COMPRESSIBLE = /^text\/|\+json$|\+xml$|^application\/(?:json|n-triples|n-quads)$/;
/** Brotli's quality: on the bundled release 60 times faster than the best (11) for 9 % more bytes, and ~90 MB/s on a large file. */
export const BROTLI_QUALITY = 6;
/** gzip's level: zlib's default. */
export const GZIP_LEVEL = 6;

/** Output chunks of at most 1 MiB (each chunk costs a hop to a thread and back), and no larger than the file: a 1 MiB buffer per small page costs more than compressing it. */
const chunkFor = (size: number) => Math.min(1024 * 1024, Math.max(16 * 1024, size));
/**
 * Output chunks of a file compressed on the calling thread: a page's copy is a tenth of it, and each
 * buffer of the file's size counted towards V8's external memory, which brought a full collection
 * per 64 MB (44 of them while the 6,408 pages of 10⁵ entries were compressed). A copy in more than
 * one chunk is joined by zlib; the bytes are the same.
 */
const SYNC_CHUNK = 16 * 1024;
const unbrotli = promisify(zlib.brotliDecompress);
const gunzip = promisify(zlib.gunzip);

interface TextFile extends Bytes {
  mediaType: string;
}

/** Whether a coding of a file of this type and size could pay: what the server compresses. */
export const worthCoding = (mediaType: string, size: number) => size >= MIN_COMPRESSED_BYTES && COMPRESSIBLE.test(mediaType);

/** Whether publish writes copies of a file of the release. */
export const compressible = (file: TextFile) => sizeOf(file) >= COPIES_FROM && worthCoding(file.mediaType, sizeOf(file));

/**
 * Files below this size are compressed on the calling thread: a zlib stream object per small file
 * costs as much CPU as compressing it (measured on 1025 pages of 31 MB: 1.64 s async, 0.87 s not).
 */
const SYNC_BELOW = 256 * 1024;

/**
 * The copy in memory of its own size: zlib gives a one-chunk result as a view of its output chunk
 * (as large as the file), and a release keeps thousands of copies until publish.
 */
const exact = (bytes: Buffer) => (bytes.byteLength * 2 < bytes.buffer.byteLength ? Buffer.from(bytes) : bytes);

/** The options of a coding for a file of `size` bytes. */
function optionsFor(coding: (typeof ENCODINGS)[number]['name'], size: number): zlib.BrotliOptions & zlib.ZlibOptions {
  const chunkSize = size < SYNC_BELOW ? SYNC_CHUNK : chunkFor(size);
  if (coding === 'gzip') return { level: GZIP_LEVEL, chunkSize };
  return {
    chunkSize,
    params: {
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size,
    },
  };
}

/** RFC 1952 header: MTIME (bytes 4-7) is 0 and no FNAME is written; OS (byte 9) names the platform, so it is set to 255, unknown. */
function fixHeader(out: Buffer, coding: (typeof ENCODINGS)[number]['name']): Buffer {
  if (coding === 'gzip') out[9] = 255;
  return out;
}

/** Large files go to the coder in slices of this size, from memory or from disk alike: brotli's output depends on how its input is cut. */
const SLICE = 1024 * 1024;

/** The same bytes for the same input on every run (with the same zlib and brotli): gzip with no name, time 0 and OS "unknown". */
export async function encode(bytes: Buffer, coding: (typeof ENCODINGS)[number]['name']): Promise<Buffer> {
  const options = optionsFor(coding, bytes.length);
  if (bytes.length < SYNC_BELOW) return fixHeader(exact(coding === 'br' ? zlib.brotliCompressSync(bytes, options) : zlib.gzipSync(bytes, options)), coding);
  return encodeSlices(bytes.length, coding, (position, length) => bytes.subarray(position, position + length));
}

/**
 * `encode` of a file on disk of `size` bytes, read and compressed a slice at a time into two buffers
 * that take turns: a large spooled file is never back in memory whole, reading it allocates nothing
 * per slice (at 10⁵ entries ~1.8 GB of slices are read for the two copies, and every allocation
 * counts towards V8's next full collection), and its copy has the bytes `encode` gives.
 */
export async function encodeFile(path: string, size: number, coding: (typeof ENCODINGS)[number]['name']): Promise<Buffer> {
  if (size < SYNC_BELOW) return encode(await readFile(path), coding);
  const handle = await open(path, 'r');
  const buffers = [Buffer.allocUnsafe(SLICE), Buffer.allocUnsafe(SLICE)];
  try {
    return await encodeSlices(size, coding, async (position, length, turn) => {
      const slice = buffers[turn]!.subarray(0, length);
      for (let read = 0; read < length; ) {
        const { bytesRead } = await handle.read(slice, read, length - read, position + read);
        if (bytesRead === 0) throw new Error(`${path} ends at ${position + read} bytes; ${size} were expected`);
        read += bytesRead;
      }
      return slice;
    });
  } finally {
    await handle.close();
  }
}

/**
 * Compresses `size` bytes given a slice at a time by `slice` (a view of bytes in memory, or a buffer
 * read into). Slices take turns (0, 1): the slice of one turn is made while the coder works on the
 * other's, and only once the coder is done with the last slice of its turn (the write's callback).
 */
async function encodeSlices(size: number, coding: (typeof ENCODINGS)[number]['name'], slice: (position: number, length: number, turn: 0 | 1) => Buffer | Promise<Buffer>): Promise<Buffer> {
  const coder = coding === 'br' ? zlib.createBrotliCompress(optionsFor(coding, size)) : zlib.createGzip(optionsFor(coding, size));
  const chunks: Buffer[] = [];
  // A coder's error rejects `done` and the writes in flight while the loop may be waiting on
  // something else: each is marked handled at once, and every one is still awaited below.
  const handled = <T>(promise: Promise<T>) => {
    promise.catch(() => undefined);
    return promise;
  };
  const done = handled(
    new Promise<void>((resolve, reject) => {
      coder.on('data', (chunk: Buffer) => chunks.push(chunk));
      coder.on('end', resolve);
      coder.on('error', reject);
    }),
  );
  const inUse: Promise<void>[] = [Promise.resolve(), Promise.resolve()];
  try {
    for (let position = 0, turn: 0 | 1 = 0; position < size; position += SLICE, turn = turn === 0 ? 1 : 0) {
      // The slice's buffer is free once the coder took it; a coder that failed ends the loop here.
      await Promise.race([inUse[turn], done]);
      const next = await slice(position, Math.min(SLICE, size - position), turn);
      inUse[turn] = handled(new Promise((resolve, reject) => coder.write(next, (error) => (error ? reject(error) : resolve()))));
    }
    await Promise.all(inUse);
    coder.end();
    await done;
  } catch (error) {
    coder.destroy();
    throw error;
  }
  return fixHeader(exact(Buffer.concat(chunks)), coding);
}

/** The SHA-256 of what a copy decodes to, decoded 1 MiB at a time; null when it does not decode. */
async function decodedDigest(bytes: Buffer, coding: (typeof ENCODINGS)[number]['name']): Promise<string | null> {
  const hash = createHash('sha256');
  const decoder = coding === 'br' ? zlib.createBrotliDecompress({ chunkSize: 1024 * 1024 }) : zlib.createGunzip({ chunkSize: 1024 * 1024 });
  const digest = async (decoded: AsyncIterable<Buffer>) => {
    for await (const chunk of decoded) hash.update(chunk);
  };
  return pipeline(Readable.from([bytes]), decoder, digest).then(
    () => hash.digest('hex'),
    () => null,
  );
}

/** Decodes into one buffer of the file's size (the default 16 KiB chunks would cost a thread hop each). */
const decode = (bytes: Buffer, coding: (typeof ENCODINGS)[number]['name'], size: number) => {
  const chunkSize = Math.max(64 * 1024, size + 1);
  return coding === 'br' ? unbrotli(bytes, { chunkSize }) : gunzip(bytes, { chunkSize });
};

/**
 * The `.br` and `.gz` copies of every file publish compresses (`compressible`: text of `COPIES_FROM` bytes or more), each kept only when smaller than the file.
 * A file with the bytes it had in the previous release takes that release's copy, once it is checked
 * to decode to the file; the rest are compressed (in parallel, on libuv's threads). Spooled files are
 * read back one at a time, and their copies go to the spool too.
 */
export async function encodedCopies(files: TextFile[], next: Manifest, previous?: { dir: string; manifest: Manifest }, spool: Spool = MEMORY): Promise<Bytes[]> {
  const unchanged = (path: string) => {
    const [a, b] = [next.files[path], previous?.manifest.files[path]];
    return a !== undefined && b !== undefined && a.sha256 === b.sha256;
  };
  type Coding = (typeof ENCODINGS)[number]['name'];
  /** The two copies of a file of `size` bytes: `decodesTo` checks a previous copy against the file, `code` makes a copy. */
  const copiesOf = (file: TextFile, size: number, decodesTo: (before: Buffer, coding: Coding) => Promise<boolean>, code: (coding: Coding) => Promise<Buffer>) =>
    Promise.all(
      ENCODINGS.map(async ({ name, suffix }) => {
        const path = `${file.path}${suffix}`;
        if (previous && unchanged(file.path)) {
          const before = await readFile(join(previous.dir, path)).catch(() => null);
          if (before && (await decodesTo(before, name))) return spool.keep({ path, bytes: before });
        }
        const encoded = await code(name);
        return encoded.length < size ? spool.keep({ path, bytes: encoded }) : null;
      }),
    );
  const inMemory = (file: TextFile, bytes: Buffer) =>
    copiesOf(file, bytes.length, async (before, name) => (await decode(before, name, bytes.length).catch(() => null))?.equals(bytes) === true, (name) => encode(bytes, name));
  // A large spooled file is read from disk as it is compressed, and a previous copy checked by the digest it decodes to.
  const onDisk = (file: TextFile, spooled: Spooled) =>
    copiesOf(file, spooled.size, async (before, name) => (await decodedDigest(before, name)) === spooled.sha256, (name) => encodeFile(spooled.at, spooled.size, name));
  const todo = files.filter(compressible);
  const copies: Promise<(Bytes | null)[]>[] = todo.map((file) => (file.spooled ? Promise.resolve([]) : inMemory(file, file.bytes)));
  // Spooled files one at a time, each read from disk as it is compressed.
  for (const [i, file] of todo.entries()) if (file.spooled) copies[i] = Promise.resolve(await onDisk(file, file.spooled));
  return (await Promise.all(copies)).flat().filter((c): c is Bytes => c !== null);
}
