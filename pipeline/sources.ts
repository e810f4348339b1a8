// Ingest stage for every source of the registry: a file is read, a URL fetched (with a snapshot); each gets its task in the report.
import { readFile } from 'node:fs/promises';
import type { Config, SourceSpec } from './config.js';
import { OntsluitError } from './errors.js';
import type { FetchOptions } from './fetch.js';
import { decode, ingestFile, resolvePlace, type Ingested } from './ingest.js';
import { addIssues, createTask, issueFromError, type TaskReport } from './report.js';

/** What happened to one source in a run. */
export interface SourceOutcome {
  id: string;
  place: string;
  /** file: read from disk; fetched: new bytes; unchanged: 304 or the same bytes; failed: see the report. */
  status: 'file' | 'fetched' | 'unchanged' | 'failed';
  sha256: string | null;
}

export interface IngestOptions {
  stateDir: string;
  originMap: Record<string, string>;
  /** Fetch settings (timeouts, retries, sizes); the defaults suit the real sites. */
  fetch?: Partial<Omit<FetchOptions, 'stateDir' | 'accept'>>;
}

export interface IngestedSources {
  tasks: TaskReport[];
  outcomes: SourceOutcome[];
  documents: { spec: SourceSpec; task: TaskReport; ingested: Ingested }[];
}

/** Reads or fetches every source; a source that fails is an error in its task, never a thrown exception. */
export async function ingestSources(config: Config, options: IngestOptions): Promise<IngestedSources> {
  const out: IngestedSources = { tasks: [], outcomes: [], documents: [] };
  for (const spec of config.sources) {
    const task = createTask(spec.id, spec.place);
    const outcome: SourceOutcome = { id: spec.id, place: spec.place, status: 'failed', sha256: null };
    out.tasks.push(task);
    out.outcomes.push(outcome);
    try {
      const { ingested, status } = await ingestSource(spec, config.dataDir, options);
      Object.assign(outcome, { status, sha256: ingested.sha256 });
      task.stats.bytes = ingested.bytes.length;
      task.stats.sha256 = ingested.sha256;
      out.documents.push({ spec, task, ingested });
    } catch (error) {
      if (!(error instanceof OntsluitError)) throw error;
      addIssues(task, [issueFromError(error)]);
    }
  }
  return out;
}

const ACCEPT: Record<SourceSpec['format'], string[]> = {
  text: ['text/plain'],
  html: ['text/html', 'application/xhtml+xml'],
  markdown: ['text/markdown', 'text/x-markdown', 'text/plain'],
};

/** A URL under a mapped origin, fetched from the mirror instead. */
function mapOrigin(url: string, originMap: Record<string, string>): string {
  for (const [from, to] of Object.entries(originMap)) if (url === from || url.startsWith(`${from}/`)) return to + url.slice(from.length);
  return url;
}

/** Reads a file source, or fetches a URL source (keeping a snapshot in the state directory). */
async function ingestSource(spec: SourceSpec, dataDir: string, options: IngestOptions): Promise<{ ingested: Ingested; status: SourceOutcome['status'] }> {
  if (!/^https?:\/\//.test(spec.place)) return { ingested: await ingestFile(resolvePlace(dataDir, spec.place), spec.place), status: 'file' };
  const url = mapOrigin(spec.place, options.originMap);
  // The HTTP client is loaded only when a source is a URL.
  const { fetchSource } = await import('./fetch.js');
  let result;
  try {
    result = await fetchSource(url, { ...options.fetch, stateDir: options.stateDir, accept: ACCEPT[spec.format], allowedHosts: spec.allowHosts ?? [] });
  } catch (error) {
    // Name the source as the registry does; say where it was fetched from when that was a mirror.
    if (!(error instanceof OntsluitError) || url === spec.place) throw error;
    throw error.relocated(spec.place, ` (fetched from ${url})`);
  }
  const bytes = await readFile(result.snapshot.path);
  return { ingested: decode(bytes, spec.place), status: result.status };
}
