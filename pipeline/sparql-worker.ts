// The SPARQL query worker: its own copy of the release store, so that a query that runs too long can be
// stopped by terminating the thread (oxigraph's query() is synchronous WASM and cannot be interrupted).
// Self-contained on purpose (only node: and oxigraph imports): pipeline/sparql.ts may run it from source.
import { parentPort, workerData } from 'node:worker_threads';
import oxigraph from 'oxigraph';
import type { WorkerDataset } from './sparql-dataset.js';

/** What the worker is started with: the release as N-Quads. */
export interface WorkerInput {
  nquads: string;
}

/** One query to run. `format` is the media type oxigraph serialises to; `limit` only applies to SELECT. */
export interface WorkerRequest {
  id: number;
  query: string;
  form: 'select' | 'ask' | 'graph';
  format: string;
  limit: number;
  /** The RDF dataset of the query; absent: the service's default (every graph merged as the default graph). */
  dataset?: WorkerDataset;
  /** The base IRI of relative IRIs in the query (the protocol's service-defined base: the endpoint). */
  baseIri?: string;
}

export type WorkerReply =
  | { type: 'ready'; quads: number; ms: number }
  | { type: 'result'; id: number; body: string; rows?: number; total?: number; ms: number }
  | { type: 'error'; id: number; message: string; tooLarge?: boolean };

const port = parentPort;
if (port) {
  const started = performance.now();
  const store = new oxigraph.Store();
  store.load((workerData as WorkerInput).nquads, { format: 'application/n-quads', no_transaction: true });
  port.postMessage({ type: 'ready', quads: store.size, ms: Math.round(performance.now() - started) } satisfies WorkerReply);

  port.on('message', (request: WorkerRequest) => {
    const t0 = performance.now();
    let reply: WorkerReply;
    try {
      const body = store.query(request.query, { results_format: request.format, base_iri: request.baseIri, ...datasetOptions(request.dataset) });
      if (typeof body !== 'string') throw new Error('oxigraph returned no serialised result');
      const ms = Math.round(performance.now() - t0);
      if (request.form === 'select') {
        reply = { type: 'result', id: request.id, ms, ...cut(body, request.format, request.limit) };
      } else if (request.form === 'graph') {
        reply = { type: 'result', id: request.id, ms, body, rows: countLines(body) };
      } else {
        reply = { type: 'result', id: request.id, ms, body };
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // A result too big for one JS string (about 512 MB) surfaces as a RangeError.
      reply = { type: 'error', id: request.id, message, tooLarge: error instanceof RangeError };
    }
    port.postMessage(reply);
  });
}

/** oxigraph's query options for a dataset: the union only when neither the protocol nor the query names one. */
function datasetOptions(dataset: WorkerDataset = 'union') {
  if (dataset === 'union') return { use_default_graph_as_union: true };
  if (dataset === 'query') return {};
  return { default_graph: dataset.default.map((g) => oxigraph.namedNode(g)), named_graphs: dataset.named.map((g) => oxigraph.namedNode(g)) };
}

/** Counts the rows of a serialised SELECT result and keeps only the first `limit` of them. */
function cut(body: string, format: string, limit: number): { body: string; rows: number; total?: number } {
  switch (format) {
    case 'application/sparql-results+json': {
      const json = JSON.parse(body) as { head: unknown; results: { bindings: unknown[] } };
      const total = json.results.bindings.length;
      if (total <= limit) return { body, rows: total };
      json.results.bindings = json.results.bindings.slice(0, limit);
      return { body: JSON.stringify({ ...json, truncated: { limit, total } }), rows: limit, total };
    }
    case 'application/sparql-results+xml': {
      // Literals escape "<", so "<result>" only ever opens a result element.
      const starts: number[] = [];
      for (let i = body.indexOf('<result>'); i !== -1; i = body.indexOf('<result>', i + 8)) starts.push(i);
      const total = starts.length;
      if (total <= limit) return { body, rows: total };
      const kept = body.slice(0, starts[limit]);
      return { body: `${kept}<!-- truncated: the first ${limit} of ${total} results -->\n</results></sparql>`, rows: limit, total };
    }
    case 'text/tab-separated-values': {
      // TSV escapes line breaks inside terms: one line per row after the header.
      const ends: number[] = [];
      for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) ends.push(i);
      const total = Math.max(0, ends.length - 1);
      if (total <= limit) return { body, rows: total };
      return { body: body.slice(0, ends[limit]! + 1), rows: limit, total };
    }
    case 'text/csv': {
      // Records end with CRLF outside quotes; a quoted value may hold line breaks and doubled quotes.
      const ends: number[] = [];
      let quoted = false;
      for (let i = 0; i < body.length; i++) {
        const c = body.charCodeAt(i);
        if (c === 34) quoted = !quoted;
        else if (c === 10 && !quoted) ends.push(i);
      }
      const total = Math.max(0, ends.length - 1);
      if (total <= limit) return { body, rows: total };
      return { body: body.slice(0, ends[limit]! + 1), rows: limit, total };
    }
    default:
      throw new Error(`unsupported result format ${format}`);
  }
}

function countLines(body: string): number {
  let n = 0;
  for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) n++;
  return n;
}
