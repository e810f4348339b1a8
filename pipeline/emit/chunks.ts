// Text written piece by piece into UTF-8 chunks of bounded size, so that no file is ever held as one string.

/** Where a sink's chunks go once it holds `from` bytes: from then on each chunk is handed over as it fills, not kept. */
export interface Overflow {
  from: number;
  /** Takes the chunk before it returns (its memory is reused for the next one). */
  write(chunk: Buffer): void;
  /** Drops every chunk it was handed: the sink starts again. */
  reset(): void;
}

/**
 * Pieces of text go in, encoded as UTF-8 straight into Buffers of ~1 MB; `bytes()` joins the Buffers
 * once. With an `overflow`, a sink that reaches its size hands every chunk over instead (to a file).
 */
export class ByteSink {
  private readonly chunks: Buffer[] = [];
  private buffer: Buffer;
  private offset = 0;
  private length = 0;
  private spilled = false;

  constructor(
    private readonly size = 1 << 20,
    private readonly overflow?: Overflow,
  ) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  /** True once the chunks went to the overflow: `bytes()` then has nothing to give. */
  get overflowed(): boolean {
    return this.spilled;
  }

  /** Hands what is still in the sink to the overflow, if it overflowed. */
  finish(): void {
    this.flush();
  }

  write(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (this.offset + text.length * 3 > this.buffer.length) {
      this.flush();
      // Once overflowed, a chunk is written before `write` returns: its buffer can take the next one.
      const need = Math.max(this.size, text.length * 3);
      if (!this.spilled || this.buffer.length < need) this.buffer = Buffer.allocUnsafe(need);
    }
    this.offset += this.buffer.write(text, this.offset, 'utf8');
  }

  private flush(): void {
    if (this.offset === 0) return;
    const chunk = this.buffer.subarray(0, this.offset);
    this.length += this.offset;
    this.offset = 0;
    if (this.spilled) return this.overflow!.write(chunk);
    this.chunks.push(chunk);
    if (this.overflow && this.length >= this.overflow.from) {
      this.spilled = true;
      for (const kept of this.chunks.splice(0)) this.overflow.write(kept);
    }
  }

  /** Everything written, as one Buffer of its own. */
  bytes(): Buffer {
    this.flush();
    if (this.spilled) throw new Error('the sink overflowed: its bytes were handed over');
    this.buffer = Buffer.alloc(0);
    return Buffer.concat(this.chunks, this.length);
  }

  /** Drops everything written, what went to the overflow too: the sink is as new (a writer that gave up half-way starts again). */
  reset(): void {
    this.chunks.length = 0;
    this.length = 0;
    this.offset = 0;
    if (this.spilled) this.overflow!.reset();
    this.spilled = false;
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
 * `JSON.stringify(value, null, 2)` indented as an element of an array that is a member of the top
 * object (`dataset.json`'s rows, JSON-LD's `@graph`), without a comma or line end after it.
 */
export function elementText(value: unknown): string {
  const text = JSON.stringify([[value]], null, 2);
  return text.slice(ELEMENT_HEAD, text.length - ELEMENT_TAIL);
}

/**
 * `JSON.stringify(value, null, 2) + '\n'` as bytes, the same bytes, written member by member and each
 * array of the top object element by element, so that the whole text is never one string. For plain
 * data (what JSON.parse gives, and Dates): nothing below the top object may turn into `undefined` by toJSON.
 */
export function jsonBytes(value: unknown): Buffer {
  const sink = new ByteSink();
  jsonInto(sink, value);
  return sink.bytes();
}

/** `jsonBytes`, written into `sink`. */
export function jsonInto(sink: ByteSink, value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    sink.write(`${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  // What JSON.stringify leaves out of an object (values of plain data have no toJSON below the top).
  const members = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (members.length === 0) {
    sink.write('{}\n');
    return;
  }
  sink.write('{\n');
  members.forEach(([key, v], i) => {
    if (Array.isArray(v) && v.length > 0 && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
      sink.write(`  ${JSON.stringify(key)}: [\n`);
      v.forEach((element, j) => {
        sink.write(elementText(element));
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
}
