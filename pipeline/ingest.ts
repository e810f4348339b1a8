// Ingest: reads a source's bytes, records its sha256 and place, and decodes it as strict UTF-8 text.
import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { OntsluitError } from './errors.js';
import { sha256 } from './lib/hash.js';

export interface Ingested {
  /** The source as named in messages: a path relative to the working directory, or a URL. */
  readonly place: string;
  readonly bytes: Buffer;
  readonly sha256: string;
  /**
   * The decoded text, without a byte-order mark and with LF line ends: decoded when first read, then
   * kept with the source. A run holds every source's bytes until it parses it, but only the text of the
   * one it is parsing (at 10⁵ entries the texts, mostly two bytes a character, took 227 MB).
   */
  readonly text: string;
  /** Whether the last byte of the source was a line feed. */
  readonly endsWithNewline: boolean;
  /** The UTF-8 length of `text`, known without decoding it: limits on size are checked before the text is made. */
  readonly textBytes: number;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Bytes of the text `CheckedSource` makes of valid UTF-8: without the byte-order mark (the decoder's and one more) and with each CRLF one LF. */
function textLength(bytes: Buffer): number {
  let start = 0;
  for (let bom = 0; bom < 2 && bytes.subarray(start, start + 3).equals(BOM); bom++) start += 3;
  let length = bytes.length - start;
  for (let cr = bytes.indexOf(0x0d, start); cr !== -1; cr = bytes.indexOf(0x0d, cr + 1)) if (bytes[cr + 1] === 0x0a) length--;
  return length;
}

/** Bytes checked to be UTF-8 text; the text is made on demand. */
class CheckedSource implements Ingested {
  readonly endsWithNewline: boolean;
  readonly textBytes: number;
  private decoded: string | undefined;

  constructor(
    readonly place: string,
    readonly bytes: Buffer,
    readonly sha256: string,
  ) {
    this.endsWithNewline = bytes[bytes.length - 1] === 0x0a;
    this.textBytes = textLength(bytes);
  }

  get text(): string {
    return (this.decoded ??= utf8.decode(this.bytes).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Reads a file source; `place` is the name used in messages. */
export async function ingestFile(path: string, place = path): Promise<Ingested> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new OntsluitError('source-missing', 'cannot read the source', {
      location: { source: place },
      expected: 'a readable file',
      found: (cause as NodeJS.ErrnoException).code ?? String(cause),
      cause,
    });
  }
  return decode(bytes, place);
}

export function resolvePlace(dataDir: string, place: string): string {
  return isAbsolute(place) ? place : join(dataDir, place);
}

/** Checks that the bytes are non-empty UTF-8 text; the text is decoded when it is first read. */
export function decode(bytes: Buffer, place: string): Ingested {
  const digest = sha256(bytes);
  // A byte a character: the checks below look at single bytes (each below 0x80 is that ASCII character in UTF-8).
  const latin1 = bytes.toString('latin1');
  if (bytes.length === 0 || /^[\s\uFEFF]*$/.test(latin1.replace(/^\xEF\xBB\xBF/, ''))) {
    throw new OntsluitError('source-empty', 'the source is empty', {
      location: { source: place, line: 1 },
      expected: 'the text of an update',
      found: bytes.length === 0 ? '0 bytes' : `${bytes.length} bytes of white space`,
    });
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new OntsluitError('source-binary', 'the source is binary, not text', {
      location: { source: place, line: lineOfOffset(bytes, nul) },
      expected: 'UTF-8 text',
      found: `a NUL byte at byte ${nul}`,
    });
  }
  if (!isUtf8(bytes)) {
    const bad = firstInvalidUtf8(bytes);
    const truncated = bad.incomplete && bad.offset >= bytes.length - 3;
    throw new OntsluitError(truncated ? 'source-truncated' : 'source-encoding', truncated ? 'the source ends in the middle of a character' : 'the source is not valid UTF-8', {
      location: { source: place, line: lineOfOffset(bytes, bad.offset) },
      expected: 'UTF-8 text',
      found: `byte 0x${(bytes[bad.offset] ?? 0).toString(16).padStart(2, '0')} at byte ${bad.offset} (${truncated ? 'an incomplete sequence at the end' : 'perhaps Windows-1252 or Latin-1'})`,
    });
  }
  // Control characters other than tab and line or page breaks mark a binary file. In UTF-8 they are
  // single bytes that no other character's bytes contain, so they are found without decoding.
  // eslint-disable-next-line no-control-regex
  const control = latin1.search(/[\x01-\x08\x0e-\x1f\x7f]/);
  if (control !== -1) {
    throw new OntsluitError('source-binary', 'the source holds control characters, so it is not a text document', {
      location: { source: place, line: lineOfOffset(bytes, control) },
      expected: 'UTF-8 text',
      found: `character U+${bytes[control]!.toString(16).padStart(4, '0').toUpperCase()}`,
    });
  }
  return new CheckedSource(place, bytes, digest);
}

/**
 * Finds the first byte that does not start or continue a valid UTF-8 sequence (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF), as a strict decoder refuses it.
 */
function firstInvalidUtf8(bytes: Uint8Array): { offset: number; incomplete: boolean } {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return { offset: i, incomplete: false };
    // The second byte's range narrows after E0 (overlong), ED (surrogates), F0 (overlong) and F4 (above U+10FFFF).
    const [low, high] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return { offset: i, incomplete: true };
      const next = bytes[i + k]!;
      if (k === 1 ? next < low || next > high : (next & 0xc0) !== 0x80) return { offset: i, incomplete: false };
    }
    i += need + 1;
  }
  return { offset: bytes.length, incomplete: false };
}
