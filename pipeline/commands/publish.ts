// `ontsluit publish --store URL`: load the release into a SPARQL 1.1 Graph Store, one named graph per dataset.
import { openRelease } from '../release.js';
import { pushRelease } from '../store-push.js';
import { logger, type CommandContext } from './context.js';

/** `, retried after ECONNRESET, 503`: the answers that made the push try again (not the challenge, not the final one). */
function retried(answers: string[]): string {
  const failed = answers.slice(0, -1).filter((a) => a !== '401');
  return failed.length ? `, retried after ${failed.join(', ')}` : '';
}

export default async function publish(flags: { store: string; release: string; update?: string; allowBasicOverHttp?: boolean }, context: CommandContext): Promise<void> {
  const { io } = context;
  const log = await logger(context);
  const release = await openRelease(flags.release);
  const report = await pushRelease(release, { store: flags.store, ...(flags.update ? { update: flags.update } : {}), ...(flags.allowBasicOverHttp ? { allowBasicOverHttp: true } : {}) });
  for (const graph of report.graphs) io.stdout(`${graph.graph}: ${graph.triples} triples, HTTP ${graph.status}${retried(graph.answers)}, ${graph.ms} ms\n`);
  if (report.swap) io.stdout(`swapped in with one SPARQL Update at ${report.swap.endpoint}: HTTP ${report.swap.status}${retried(report.swap.answers)}\n`);
  log.info({ graphs: report.graphs.length, ms: report.ms }, `publish: ${report.graphs.length} graph(s) replaced in ${flags.store}`);
}
