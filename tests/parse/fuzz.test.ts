// Property-based fuzzing of the text, HTML and Markdown readers: every document parses or gets a coded error, never a stack trace.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERRORS, OntsluitError } from '../../pipeline/errors.js';
import { decode } from '../../pipeline/ingest.js';
import { textToBlocks } from '../../pipeline/parse/blocks.js';
import { parseSource, type SourceFormat } from '../../pipeline/parse/index.js';
import { project } from '../helpers.js';

/** Fixed, printed, and overridable: `FUZZ_SEED=… FUZZ_RUNS=… npx vitest run tests/parse/fuzz.test.ts` reproduces a failure. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);

const COMMON = ['Update #2 Actieplan Open Overheid 2020-2022', 'I Open Democratie', 'VII Open Recht', '1. Transparantie', '13. Open Klachten', 'Actiehouder: Ministerie van BZK en ???', 'In samenwerking met: VNG', 'De actiehouder heeft geen nieuwe update aangeleverd.', 'Vorige update (31 juni 2021):', 'Meer weten?', '---', '\n', '\n\n', ' ', '\t', 'x', 'é', '\u00a0', '&amp;', '&#0;', '\\'];
const TOKENS: Record<SourceFormat, string[]> = {
  text: [...COMMON, '- ', '• ', '2)', 'Actiepunt 3: '],
  html: [...COMMON, '<div>', '</div>', '<span>', '</span>', '<p>', '</p>', '<h1>', '</h1>', '<h2>', '<ol start="5">', '<li>', '</li>', '</ol>', '<ul>', '<a href="x">', '</a>', '<br>', '<hr>', '<main>', '<nav class="menu">', '<script>', '</script>', '<!--', '-->', '<table><tr><td>', '<b><i>', '</b>', '<time datetime="2022-02-30">', '<html>', '</html>', '<'],
  markdown: [...COMMON, '# ', '## ', '> ', '- ', '* ', '1. ', '   ', '[', ']', '(', ')', '](', '![a](', '*', '_', '`', '```', '|', '|-|', '<div>', '</div>', '<br>', '---\ndate: 2022-13-01\n---\n', '[x]: http://y', '[^1]'],
};

/** A document: a list of tokens, some of them repeated many times (deep or long shapes). */
const documentOf = (format: SourceFormat) =>
  fc
    .array(fc.tuple(fc.constantFrom(...TOKENS[format]), fc.oneof({ weight: 8, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 3000 }) })), { maxLength: 200 })
    .map((parts) => parts.map(([token, times]) => token.repeat(times)).join(''));

/** Parses or gets a coded error; anything else (a RangeError, a TypeError) fails the property. */
function parsesOrRefuses(format: SourceFormat, text: string): void {
  const { config, registry } = project();
  try {
    const ingested = decode(Buffer.from(text, 'utf8'), `fuzz.${format === 'markdown' ? 'md' : format === 'html' ? 'html' : 'txt'}`);
    const { issues } = parseSource(ingested, { registry, settings: config.parser }, undefined, undefined, format);
    for (const item of issues) expect(Object.keys(ERRORS)).toContain(item.type);
  } catch (error) {
    if (!(error instanceof OntsluitError)) throw error;
    expect(error.exitCode).toBe(1);
    expect(error.location?.source).toMatch(/^fuzz\./);
  }
}

describe(`fuzz: every generated document parses or gets a coded error (seed ${SEED}, ${RUNS} runs per format)`, () => {
  it.each(['text', 'html', 'markdown'] as const)('%s', (format) => {
    console.log(`fuzz ${format}: seed ${SEED}, ${RUNS} runs`);
    fc.assert(
      fc.property(documentOf(format), (text) => parsesOrRefuses(format, text)),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe(`fuzz: text blocks collapse white space as one replace of every run would (seed ${SEED})`, () => {
  it('gives each line the text of `replace(/[\\s\\u00a0]+/g, " ").trim()`', () => {
    const line = fc.array(fc.constantFrom('a', 'é', ' ', '  ', '\t', '\u00a0', '\u2003', '\u3000', '\ufeff', '- ', '•', 'x y'), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
        const expected = lines.map((raw) => raw.replace(/[\s\u00a0]+/g, ' ').trim()).filter((l) => l !== '' && !/^(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$/.test(l));
        const blocks = textToBlocks(lines.join('\n'));
        expect(blocks.map((b) => (b.kind === 'item' ? null : b.text)).filter((t) => t !== null)).toEqual(expected.filter((l) => !/^\s*(?:[-•*·–]|\u2022)\s+/.test(l)));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
