// `ontsluit check`: build the release in memory and check it as data.overheid.nl and data.europa.eu would.
import { formatCheck } from '../check/format.js';
import { EXIT } from '../errors.js';
import { resolvePipelineOptions, type PipelineFlags } from '../options.js';
import { formatReport, relocate } from '../report.js';
import { runPipeline } from '../run.js';
import { displayFrom, writeJson, type CommandContext } from './context.js';

export default async function check(flags: PipelineFlags & { report?: string; json?: string }, { io, setExit }: CommandContext): Promise<void> {
  // The published release whose IRIs must survive is --previous (default dist/); nothing is written.
  const options = resolvePipelineOptions({ ...flags, out: flags.previous });
  const result = await runPipeline({ ...options, write: false });
  const display = displayFrom(options.dataDir);
  if (!result.check) {
    io.stderr(`${formatReport(result.report, display)}\n`);
    setExit(EXIT.invalid);
    return;
  }
  io.stdout(`${formatCheck(result.check)}\n`);
  if (flags.json) await writeJson(flags.json, result.check);
  if (flags.report) await writeJson(flags.report, relocate(result.report, display));
  setExit(result.check.accepted ? EXIT.ok : EXIT.invalid);
}
