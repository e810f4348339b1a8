// Text written piece by piece into UTF-8 chunks of bounded size, so that no file is ever held as one string.

/** Pieces of text go in, encoded as UTF-8 straight into Buffers of ~1 MB; `bytes()` joins the Buffers once. */
export class ByteSink {
  private readonly chunks: Buffer[] = [];
  private buffer: Buffer;
  private offset = 0;
  private length = 0;

  constructor(private readonly size = 1 << 20) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  write(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (this.offset + text.length * 3 > this.buffer.length) {
      this.flush();
      this.buffer = Buffer.allocUnsafe(Math.max(this.size, text.length * 3));
    }
    this.offset += this.buffer.write(text, this.offset, 'utf8');
  }

  private flush(): void {
    if (this.offset === 0) return;
    this.chunks.push(this.buffer.subarray(0, this.offset));
    this.length += this.offset;
    this.offset = 0;
  }

  /** Everything written, as one Buffer of its own. */
  bytes(): Buffer {
    this.flush();
    this.buffer = Buffer.alloc(0);
    return Buffer.concat(this.chunks, this.length);
  }

  /** An output stream for writers that take one (n3's Writer): chunks go into this sink. */
  stream(): { write: (chunk: string, encoding?: unknown, done?: () => void) => void; end: (done?: (error: null, result: string) => void) => void } {
    return {
      write: (chunk, _encoding, done) => {
        this.write(chunk);
        done?.();
      },
      end: (done) => done?.(null, ''),
    };
  }
}

/** Wraps of one array element that give it the indentation of an element of a member of the top object. */
const ELEMENT_HEAD = '[\n  [\n'.length;
const ELEMENT_TAIL = '\n  ]\n]'.length;

/**
 * `JSON.stringify(value, null, 2) + '\n'` as bytes, the same bytes, written member by member and each
 * array of the top object element by element, so that the whole text is never one string. For plain
 * data (what JSON.parse gives, and Dates): nothing below the top object may turn into `undefined` by toJSON.
 */
export function jsonBytes(value: unknown): Buffer {
  const sink = new ByteSink();
  if (value === null || typeof value !== 'object' || Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    sink.write(`${JSON.stringify(value, null, 2)}\n`);
    return sink.bytes();
  }
  // What JSON.stringify leaves out of an object (values of plain data have no toJSON below the top).
  const members = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (members.length === 0) {
    sink.write('{}\n');
    return sink.bytes();
  }
  sink.write('{\n');
  members.forEach(([key, v], i) => {
    if (Array.isArray(v) && v.length > 0 && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
      sink.write(`  ${JSON.stringify(key)}: [\n`);
      v.forEach((element, j) => {
        const text = JSON.stringify([[element]], null, 2);
        sink.write(text.slice(ELEMENT_HEAD, text.length - ELEMENT_TAIL));
        sink.write(j === v.length - 1 ? '\n' : ',\n');
      });
      sink.write('  ]');
    } else {
      const text = JSON.stringify({ [key]: v }, null, 2);
      sink.write(text.slice(2, text.length - 2));
    }
    sink.write(i === members.length - 1 ? '\n' : ',\n');
  });
  sink.write('}\n');
  return sink.bytes();
}
