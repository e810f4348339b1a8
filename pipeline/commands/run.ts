// `ontsluit run`: build, check and publish the release into --out under the run lock, with a run report.
import { EXIT, OntsluitError } from '../errors.js';
import { resolvePipelineOptions, type PipelineFlags } from '../options.js';
import { formatReport, relocate } from '../report.js';
import { runOnce, runPipeline } from '../run.js';
import { displayFrom, logger, summary, writeJson, type CommandContext } from './context.js';

export default async function run(flags: PipelineFlags & { report?: string; acceptSizeChange?: boolean; rebuild?: boolean }, context: CommandContext): Promise<void> {
  const { io, setExit } = context;
  const options = resolvePipelineOptions(flags);
  const log = await logger(context);
  const outcome = await runOnce({ lockFile: options.lockFile, runsDir: options.runsDir }, () => runPipeline({ ...options, write: true, acceptSizeChange: flags.acceptSizeChange === true, skipUnchanged: flags.rebuild !== true, rebuild: flags.rebuild === true }));
  if (outcome.status === 'locked')
    throw new OntsluitError('lock-held', `another run holds the lock (pid ${outcome.holder?.pid ?? '?'}, since ${outcome.holder?.startedAt ?? '?'}); nothing was done`, { location: { source: options.lockFile } });
  if (outcome.status === 'failed') throw outcome.error;
  const { result } = outcome;
  const report = relocate(result.report, displayFrom(options.dataDir));
  if (!report.valid) io.stderr(`${formatReport(report)}\n`);
  // Loaded only to print a refused check: the check's modules load n3, ~45 ms of CPU that a rerun with nothing to do would pay.
  if (result.check && !result.check.accepted) io.stderr(`${(await import('../check/format.js')).formatCheck(result.check)}\n`);
  if (flags.report) await writeJson(flags.report, report);
  const out = flags.out ?? 'dist';
  const reused = result.datasets?.filter((d) => d.reused).length ?? 0;
  const published = `published to ${out}${reused ? ` (${reused} of ${result.datasets!.length} dataset(s) unchanged, taken from the previous release)` : ''}`;
  const line = result.skipped
    ? `run: ${summary(report)}; nothing to do: ${out} was built from the same code, settings and sources, and is left as it is (--rebuild builds it anew)`
    : `run: ${summary(report)}, ${result.files.length} file(s) ${report.valid ? published : 'not published; the previous release is unchanged'}`;
  if (report.valid) log.info({ timingsMs: result.timings, cpuMs: result.cpuTimings }, line);
  else log.error(line);
  setExit(report.valid ? EXIT.ok : EXIT.invalid);
}
