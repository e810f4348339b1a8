// The public entry point for programmatic use: build, check, publish, open, query and serve a release.
export { buildRelease, type BuildOptions, type BuildResult } from './build.js';
export { createChecker, type CheckReport } from './check/index.js';
export { main } from './cli.js';
export { loadConfig, type Config } from './config.js';
export { readDocument, type DocumentEnvironment } from './document.js';
export { ERRORS, EXIT, OntsluitError, type ErrorCode, type Issue, type Location } from './errors.js';
export { DEFAULTS, resolvePipelineOptions, systemClock, type Clock, type PipelineFlags, type PipelineOptions } from './options.js';
export { publish } from './publish.js';
export { openPreviousRelease, openRelease, type BuiltRelease, type OpenedRelease, type PreviousRelease, type Release } from './release.js';
export type { Report } from './report.js';
export { runOnce, runPipeline, type RunOptions, type RunOutcome, type RunResult } from './run.js';
export { startSchedule } from './schedule.js';
export { createServer } from './serve/server.js';
export { loadStore, runQuery } from './sparql.js';
export { pushRelease } from './store-push.js';
export { createValidator } from './validate.js';
export { VERSION } from './version.js';
