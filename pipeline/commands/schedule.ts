// `ontsluit schedule`: run on the cron schedule of data/schedule.json until SIGINT or SIGTERM.
import { loadConfig } from '../config.js';
import { resolvePipelineOptions, type PipelineFlags } from '../options.js';
import { runPipeline } from '../run.js';
import { installSignalHandlers, startSchedule } from '../schedule.js';
import { createValidator } from '../validate.js';
import { displayFrom, logger, type CommandContext } from './context.js';

export default async function schedule(flags: PipelineFlags, context: CommandContext): Promise<never> {
  const options = resolvePipelineOptions(flags);
  const log = await logger(context);
  const config = loadConfig(options.dataDir, createValidator(options.schemaDir));
  const scheduler = await startSchedule({
    cron: config.schedule.cron,
    timezone: config.schedule.timezone,
    lockFile: options.lockFile,
    reportDir: options.runsDir,
    configFile: displayFrom(options.dataDir)('schedule.json'),
    clock: options.clock,
    log: (line, fields) => log.info(fields ?? {}, line),
    run: () => runPipeline({ ...options, write: true, skipUnchanged: true }),
  });
  installSignalHandlers(scheduler, (line) => log.info(line));
  return new Promise<never>(() => undefined);
}
