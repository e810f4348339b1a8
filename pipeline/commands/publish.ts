// `ontsluit publish --store URL`: load the release into a SPARQL 1.1 Graph Store, one named graph per dataset.
import { openRelease } from '../release.js';
import { pushRelease } from '../store-push.js';
import { logger, type CommandContext } from './context.js';

export default async function publish(flags: { store: string; release: string }, context: CommandContext): Promise<void> {
  const { io } = context;
  const log = await logger(context);
  const release = await openRelease(flags.release);
  const report = await pushRelease(release.dir, { store: flags.store });
  for (const graph of report.graphs) io.stdout(`${graph.graph}: ${graph.triples} triples, HTTP ${graph.status}, ${graph.ms} ms\n`);
  log.info({ graphs: report.graphs.length, ms: report.ms }, `publish: ${report.graphs.length} graph(s) replaced in ${flags.store}`);
}
