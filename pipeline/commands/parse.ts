// `ontsluit parse <file>`: one update document through the same parse-and-validate path a run uses; the record on stdout.
import { resolve } from 'node:path';
import type { SourceFormat } from '../config.js';
import { loadConfig } from '../config.js';
import { readDocument } from '../document.js';
import { EXIT } from '../errors.js';
import { ingestFile } from '../ingest.js';
import { createRegistry } from '../organisations.js';
import { DEFAULTS } from '../options.js';
import { formatIssue } from '../report.js';
import { createValidator } from '../validate.js';
import type { CommandContext } from './context.js';

export default async function parse(file: string, opts: { data?: string; format?: SourceFormat }, { io, setExit }: CommandContext): Promise<void> {
  const validator = createValidator(DEFAULTS.schemaDir);
  const config = loadConfig(resolve(opts.data ?? DEFAULTS.dataDir), validator);
  const ingested = await ingestFile(file);
  const { formatOf } = await import('../parse/index.js');
  const { record, issues } = await readDocument(ingested, { registry: createRegistry(config.organisations), settings: config.parser, validator }, { format: opts.format ?? formatOf(file) });
  io.stdout(`${JSON.stringify(record, null, 2)}\n`);
  for (const item of issues) io.stderr(`${formatIssue(item)}\n`);
  setExit(issues.some((i) => i.severity === 'error') ? EXIT.invalid : EXIT.ok);
}
