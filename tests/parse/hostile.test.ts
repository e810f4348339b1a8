// Hostile shapes of input (deep nesting, huge tables, long texts): refused with a coded error at file and line, or parsed without recursion.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode } from '../../pipeline/ingest.js';
import { htmlToDocument } from '../../pipeline/parse/html.js';
import { parseSource } from '../../pipeline/parse/index.js';
import { markdownToDocument } from '../../pipeline/parse/markdown.js';
import { cli, project } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'ontsluit-hostile-'));
const TITLE = '# Update #2 Actieplan Open Overheid 2020-2022\n\n';
const ACTION = 'Update #2 Actieplan Open Overheid 2020-2022\nI Open Democratie\n1. Transparantie\nActiehouder: Ministerie van BZK\n';

/** The reproductions of the issue, generated here (never committed): file name, text, code, line. */
const CASES: [string, () => string, string, number][] = [
  ['blockquotes.md', () => `${TITLE}${'>'.repeat(5000)} x\n`, 'source-too-deep', 3],
  ['divs.html', () => `<html><body><main><h1>Update #2</h1>\n${'<div>'.repeat(3000)}x${'</div>'.repeat(3000)}</main></body></html>\n`, 'source-too-deep', 2],
  ['spans.html', () => `<html><body><main><h1>Update #2</h1><p>${'<span>'.repeat(100_000)}x${'</span>'.repeat(100_000)}</p></main></body></html>\n`, 'source-too-deep', 1],
  ['unclosed-divs.html', () => `<html><body><main><h1>Update #2</h1>${'<div>'.repeat(20_000)}x\n`, 'source-too-deep', 1],
  ['raw-html.md', () => `${TITLE}<div>\n${'<div>'.repeat(20_000)}x${'</div>'.repeat(20_000)}\n</div>\n`, 'source-too-deep', 4],
  ['brackets.md', () => `${TITLE}${'['.repeat(158_000)}${']'.repeat(158_000)}\n`, 'source-too-deep', 3],
  ['unclosed-links.md', () => `${TITLE}${'[a](b '.repeat(20_000)}\n`, 'source-too-deep', 3],
  ['nested-list.md', () => TITLE + Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'), 'source-too-deep', 302],
  ['table.md', () => `${TITLE}|${'h|'.repeat(300)}\n|${'-|'.repeat(300)}\n${`|${'c|'.repeat(300)}\n`.repeat(1000)}`, 'source-too-many-cells', 3],
  ['lines.txt', () => ACTION + 'tekst regel.\n'.repeat(125_000), 'source-too-long', 50_001],
  ['large.md', () => TITLE + `${'- x\n'.repeat(1_300_000)}`, 'source-too-large', 1],
];

describe('hostile input is refused with a code, the file and the line (exit 1, never 3, no stack trace)', () => {
  it.each(CASES)('%s: %s', async (name, make, code, line) => {
    const file = join(dir, name);
    writeFileSync(file, make());
    const run = await cli(['parse', file]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${file}:${line}:`);
    expect(run.stderr).toContain(`[${code}]`);
    expect(run.stderr).not.toMatch(/Maximum call stack|\n\s+at /);
  });
});

describe('the readers walk deep trees without recursion', () => {
  it('HTML: 20,000 nested divs (below the limits, the reader itself)', () => {
    const doc = htmlToDocument(`<html><body><main><h1>Update #2</h1>${'<div>'.repeat(20_000)}diep${'</div>'.repeat(20_000)}</main></body></html>`);
    expect(doc.blocks.map((b) => b.text)).toEqual(['Update #2', 'diep']);
  });

  it('Markdown: 3,000 nested block quotes', () => {
    const doc = markdownToDocument(`${TITLE}${'>'.repeat(3000)} diep\n`);
    expect(doc.blocks.map((b) => b.text)).toEqual(['Update #2 Actieplan Open Overheid 2020-2022', 'diep']);
  });

  it('Markdown: a table of 30,000 cells is read into as many blocks', () => {
    const { blocks } = markdownToDocument(`${TITLE}|${'h|'.repeat(30)}\n|${'-|'.repeat(30)}\n${`|${'c|'.repeat(30)}\n`.repeat(1000)}`);
    expect(blocks.length).toBe(1 + 30 * 1001);
  });

  it('text: 125,000 lines under one action parse (with maxLines raised) into one action', () => {
    const { config, registry } = project();
    const settings = { ...config.parser, limits: { ...config.parser.limits, maxLines: 200_000 } };
    const { record } = parseSource(decode(Buffer.from(`${ACTION}${'tekst regel.\n'.repeat(125_000)}`), 'long.txt'), { registry, settings });
    expect(record.actions).toHaveLength(1);
    expect(record.actions[0]!.sourceLines).toEqual([3, 125_004]);
  });
});
