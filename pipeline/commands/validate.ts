// `ontsluit validate`: ingest, parse, validate and build the release without writing it; the report on stderr.
import { EXIT } from '../errors.js';
import { resolvePipelineOptions, type PipelineFlags } from '../options.js';
import { formatReport, relocate } from '../report.js';
import { runPipeline } from '../run.js';
import { displayFrom, logger, summary, writeJson, type CommandContext } from './context.js';

export default async function validate(flags: PipelineFlags & { report?: string }, context: CommandContext): Promise<void> {
  const { io, setExit } = context;
  const options = resolvePipelineOptions(flags);
  const result = await runPipeline({ ...options, write: false });
  const display = displayFrom(options.dataDir);
  io.stderr(`${formatReport(result.report, display)}\n`);
  if (flags.report) await writeJson(flags.report, relocate(result.report, display));
  (await logger(context)).info({ valid: result.report.valid, files: result.files.length }, `validate: ${summary(result.report)}`);
  setExit(result.report.valid ? EXIT.ok : EXIT.invalid);
}
