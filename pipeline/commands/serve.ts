// `ontsluit serve`: the release over HTTP (files, resolvable IRIs, landing pages, SPARQL) until SIGINT or SIGTERM.
import { EXIT } from '../errors.js';
import { openRelease } from '../release.js';
import { createServer } from '../serve/server.js';
import { logger, type CommandContext } from './context.js';

export interface ServeFlags {
  release: string;
  host: string;
  port: number;
  queryTimeout: number;
  resultLimit: number;
  queryQueue: number;
}

export default async function serve(flags: ServeFlags, context: CommandContext): Promise<never> {
  const log = await logger(context);
  const release = await openRelease(flags.release);
  const { app } = await createServer({ release, queryTimeoutMs: flags.queryTimeout, resultLimit: flags.resultLimit, queryQueue: flags.queryQueue });
  const address = await app.listen({ host: flags.host, port: flags.port });
  log.info({ address, release: release.dir }, `serve: ${release.dir} at ${address} (SPARQL at ${address}/sparql)`);
  const stop = async () => {
    await app.close();
    process.exit(EXIT.ok);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<never>(() => undefined);
}
