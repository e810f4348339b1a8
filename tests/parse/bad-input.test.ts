// Bad input gets a clear error naming file, line and field, never a stack trace.
import { describe, expect, it } from 'vitest';
import { OntsluitError } from '../../pipeline/errors.js';
import { decode, ingestFile } from '../../pipeline/ingest.js';
import { parseSource } from '../../pipeline/parse/index.js';
import { cli, fixture, parseFile, project } from '../helpers.js';

async function ingestError(name: string): Promise<OntsluitError> {
  try {
    await ingestFile(fixture(name), name);
  } catch (error) {
    if (error instanceof OntsluitError) return error;
    throw error;
  }
  throw new Error(`${name} was accepted`);
}

async function errors(name: string) {
  const { issues } = await parseFile(fixture(name), name);
  return issues.filter((i) => i.severity === 'error');
}

describe('bytes that are not an update', () => {
  it.each([
    ['empty.txt', 'source-empty', 1, /0 bytes/],
    ['whitespace-only.txt', 'source-empty', 1, /white space/],
    ['binary-png.txt', 'source-binary', 3, /NUL byte at byte 8/],
    ['windows-1252.txt', 'source-encoding', 3, /byte 0x92 at byte 526 \(perhaps Windows-1252/],
    ['truncated-mid-character.txt', 'source-truncated', 45, /incomplete sequence at the end/],
  ])('%s → %s on line %i', async (name, code, line, found) => {
    const error = await ingestError(name);
    expect(error.code).toBe(code);
    expect(error.location).toEqual({ source: name, line });
    expect(error.found).toMatch(found);
    expect(error.describe()).toMatch(new RegExp(`^${name.replace('.', '\\.')}:${line}: .*expected .*found .*\\[${code}\\]$`));
  });
});

describe('bytes checked without decoding them', () => {
  const refusal = (bytes: Buffer) => {
    try {
      decode(bytes, 'update.txt');
    } catch (error) {
      if (error instanceof OntsluitError) return error;
      throw error;
    }
    throw new Error('accepted');
  };

  it('a control character is found after multi-byte characters, on its own line', () => {
    const error = refusal(Buffer.from('Actiepunt één – “citaat”\r\nTweede regel ’s avonds\n\u0007bel\n', 'utf8'));
    expect(error).toMatchObject({ code: 'source-binary', location: { source: 'update.txt', line: 3 }, found: 'character U+0007' });
  });

  it('DEL is a control character; tab, form feed and line breaks are not', () => {
    expect(refusal(Buffer.from('a\tb\fc\n\u007f', 'utf8'))).toMatchObject({ code: 'source-binary', location: { line: 2 }, found: 'character U+007F' });
    expect(decode(Buffer.from('a\tb\fc\r\nd\re', 'utf8'), 'update.txt').text).toBe('a\tb\fc\nd\ne');
  });

  it('the text is decoded without the byte-order mark and with LF line ends; the bytes stay as read', () => {
    const bytes = Buffer.from('\uFEFFUpdate #2\r\nActiehouder: BZK ’s\r\n', 'utf8');
    const source = decode(bytes, 'update.txt');
    expect(source.text).toBe('Update #2\nActiehouder: BZK ’s\n');
    expect(source.text).toBe(source.text);
    expect(source.bytes).toBe(bytes);
    expect(source.endsWithNewline).toBe(true);
    expect(source.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a surrogate, an overlong form or a code point above U+10FFFF is not UTF-8, and the error names its first byte and line', () => {
    for (const bad of [[0xed, 0xa0, 0x80], [0xe0, 0x80, 0xaf], [0xf0, 0x80, 0x80, 0xaf], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf]])
      expect(refusal(Buffer.from([0x61, 0x0a, 0x62, ...bad, 0x0a, 0x63]))).toMatchObject({
        code: 'source-encoding',
        location: { source: 'update.txt', line: 2 },
        found: `byte 0x${bad[0]!.toString(16)} at byte 3 (perhaps Windows-1252 or Latin-1)`,
      });
    // The highest code points that are allowed after each of those lead bytes.
    expect(decode(Buffer.from('\uD7FF \u0800 \u{10000} \u{10FFFF}\n', 'utf8'), 'update.txt').text).toBe('\uD7FF \u0800 \u{10000} \u{10FFFF}\n');
  });

  it('knows the length of its text before decoding it', () => {
    for (const text of ['\uFEFFa\r\nb', '\uFEFF\uFEFFtwee\r\n\r\n', 'lone\rcr\r', 'één “twee”\r\n’s\n', 'a\r\r\nb'])
      expect(decode(Buffer.from(text, 'utf8'), 'update.txt').textBytes).toBe(Buffer.byteLength(decode(Buffer.from(text, 'utf8'), 'update.txt').text));
  });

  it('a source over the size limit is refused with the size of its text', () => {
    const bytes = Buffer.from(`\uFEFF${'Actiepunt één.\r\n'.repeat(1000)}`, 'utf8');
    const source = decode(bytes, 'update.txt');
    const { config, registry } = project();
    const settings = { ...config.parser, limits: { ...config.parser.limits, maxSourceBytes: 1000 } };
    expect(() => parseSource(source, { registry, settings })).toThrow(expect.objectContaining({ code: 'source-too-large', found: `${bytes.length - 3 - 1000} bytes` }));
  });
});

describe('structural errors are collected with their line and field', () => {
  it('an action without "Actiehouder:"', async () => {
    expect(await errors('missing-action-holder.txt')).toEqual([
      expect.objectContaining({ type: 'missing-action-holder', line: 55, field: 'actionHolders', message: 'action 8 has no action holder' }),
    ]);
  });

  it('a duplicate action number', async () => {
    expect(await errors('duplicate-action-number.txt')).toEqual([
      expect.objectContaining({ type: 'duplicate-action', line: 33, field: 'number', expected: 'action number 4 once (first on line 24)' }),
    ]);
  });

  it('a theme without actions', async () => {
    expect(await errors('theme-without-actions.txt')).toEqual([
      expect.objectContaining({ type: 'empty-theme', line: 39, field: 'themes', message: 'theme III Open Communicatie has no actions' }),
    ]);
  });

  it('a file cut off in the middle of a sentence', async () => {
    expect(await errors('truncated-mid-sentence.txt')).toEqual([
      expect.objectContaining({ type: 'source-truncated', line: 88, found: expect.stringContaining('Er is besloten om he') }),
    ]);
  });

  it('a file that ends after the holder lines of its last action', async () => {
    expect(await errors('truncated-after-holder-lines.txt')).toEqual([expect.objectContaining({ type: 'source-truncated', line: 87, field: 'text' })]);
  });
});

describe('the CLI reports bad input without a stack trace', () => {
  it.each([
    ['empty.txt', 'source-empty'],
    ['binary-png.txt', 'source-binary'],
    ['windows-1252.txt', 'source-encoding'],
    ['missing-action-holder.txt', 'missing-action-holder'],
    ['duplicate-action-number.txt', 'duplicate-action'],
    ['theme-without-actions.txt', 'empty-theme'],
    ['truncated-mid-sentence.txt', 'source-truncated'],
  ])('ontsluit parse %s exits 1 and names %s', async (name, code) => {
    const run = await cli(['parse', fixture(name)]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`[${code}]`);
    expect(run.stderr).toContain(`${name}:`);
    expect(run.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  });
});
