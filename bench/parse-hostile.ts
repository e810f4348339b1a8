// Benchmark of hostile input shapes: MB/s of parsing (or refusing) each shape at two sizes, next to the seed, to show time grows linearly.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../pipeline/config.js';
import { OntsluitError } from '../pipeline/errors.js';
import { decode } from '../pipeline/ingest.js';
import { createRegistry } from '../pipeline/organisations.js';
import { parseSource, type SourceFormat } from '../pipeline/parse/index.js';
import { createValidator } from '../pipeline/validate.js';

const TITLE = '# Update #2 Actieplan Open Overheid 2020-2022\n\n';
const ACTION = 'Update #2 Actieplan Open Overheid 2020-2022\nI Open Democratie\n1. Transparantie\nActiehouder: Ministerie van BZK\n';
/** Each shape at size n (n = 1 and n = 4 are measured). `raise` lifts the limits the shape would hit, to time the parse itself. */
const SHAPES: { name: string; format: SourceFormat; make: (n: number) => string; raise?: boolean }[] = [
  { name: 'nested block quotes', format: 'markdown', make: (n) => `${TITLE}${'>'.repeat(5000 * n)} x\n` },
  { name: 'nested divs', format: 'html', make: (n) => `<main><h1>Update #2</h1>${'<div>'.repeat(3000 * n)}x${'</div>'.repeat(3000 * n)}</main>` },
  { name: 'nested spans', format: 'html', make: (n) => `<main><h1>Update #2</h1><p>${'<span>'.repeat(25_000 * n)}x${'</span>'.repeat(25_000 * n)}</p></main>` },
  { name: 'unclosed divs', format: 'html', make: (n) => `<main><h1>Update #2</h1>${'<div>'.repeat(5000 * n)}x` },
  { name: 'nested brackets', format: 'markdown', make: (n) => `${TITLE}${'['.repeat(40_000 * n)}${']'.repeat(40_000 * n)}\n` },
  { name: 'unclosed links', format: 'markdown', make: (n) => `${TITLE}${'[a](b '.repeat(5000 * n)}\n` },
  { name: 'raw HTML in Markdown', format: 'markdown', make: (n) => `${TITLE}<div>\n${'<div>'.repeat(5000 * n)}x${'</div>'.repeat(5000 * n)}\n</div>\n` },
  { name: 'nested list', format: 'markdown', make: (n) => TITLE + Array.from({ length: 500 * n }, (_, i) => `${'  '.repeat(i)}- x`).join('\n') },
  { name: 'table 1000 x 300', format: 'markdown', make: (n) => `${TITLE}|${'h|'.repeat(300)}\n|${'-|'.repeat(300)}\n${`|${'c|'.repeat(300)}\n`.repeat(250 * n)}` },
  { name: 'table (parsed, 30 columns)', format: 'markdown', make: (n) => `${TITLE}|${'h|'.repeat(30)}\n|${'-|'.repeat(30)}\n${`|${'c|'.repeat(30)}\n`.repeat(500 * n)}`, raise: true },
  { name: 'lines under one action', format: 'text', make: (n) => ACTION + 'tekst regel.\n'.repeat(31_250 * n) },
  { name: 'lines (parsed, maxLines raised)', format: 'text', make: (n) => ACTION + 'tekst regel.\n'.repeat(31_250 * n), raise: true },
  { name: 'flat list (parsed)', format: 'markdown', make: (n) => TITLE + '- x y z\n'.repeat(50_000 * n), raise: true },
];

const RAISED = { maxSourceBytes: 1e9, maxLines: 1e8, maxNestingDepth: 100, maxTableCells: 1e8, parseTimeMs: 600_000 };

/** Prints MB/s per hostile shape at two sizes (1× and 4×) next to the seed; similar figures mean linear time. */
export async function benchHostileParse(): Promise<void> {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const validator = createValidator(join(root, 'schemas'));
  const config = loadConfig(join(root, 'data'), validator);
  const registry = createRegistry(config.organisations);
  const seed = readFileSync(join(root, 'data', 'updates', 'update-02-actieplan-open-overheid-2020-2022.txt'), 'utf8');
  const measure = (text: string, format: SourceFormat, raise = false) => {
    const settings = raise ? { ...config.parser, limits: RAISED } : config.parser;
    const bytes = Buffer.byteLength(text);
    const start = performance.now();
    let outcome = 'parsed';
    try {
      parseSource(decode(Buffer.from(text), 'bench'), { registry, settings }, undefined, undefined, format);
    } catch (error) {
      if (!(error instanceof OntsluitError)) throw error;
      outcome = error.code;
    }
    const ms = performance.now() - start;
    return { bytes, ms, outcome, mbps: bytes / 1024 / 1024 / (ms / 1000) };
  };
  const cell = (m: ReturnType<typeof measure>) => `${(m.bytes / 1024).toFixed(0).padStart(6)} KB ${m.ms.toFixed(0).padStart(6)} ms ${m.mbps.toFixed(3).padStart(8)} MB/s ${m.outcome.padEnd(21)}`;
  const row = (name: string, a: ReturnType<typeof measure>, b?: ReturnType<typeof measure>) => console.log(`  ${name.padEnd(32)} ${cell(a)}${b ? ` | ${cell(b)}` : ''}`);
  console.log('\nparse of hostile shapes (default limits unless "parsed"; 1× | 4× size):');
  measure(seed, 'text'); // warm-up
  row('seed (Update #2, text)', measure(seed, 'text'));
  for (const shape of SHAPES) row(shape.name, measure(shape.make(1), shape.format, shape.raise), measure(shape.make(4), shape.format, shape.raise));
}
