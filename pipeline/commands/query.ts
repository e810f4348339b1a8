// `ontsluit query <file.rq>`: one SPARQL query against a release, without a server; the result on stdout.
import { readFile } from 'node:fs/promises';
import { OntsluitError } from '../errors.js';
import { openRelease } from '../release.js';
import { loadStore, runQuery } from '../sparql.js';
import type { CommandContext } from './context.js';

const TYPES: Record<string, string> = { json: 'application/sparql-results+json', xml: 'application/sparql-results+xml', csv: 'text/csv', tsv: 'text/tab-separated-values', turtle: 'text/turtle', ntriples: 'application/n-triples', jsonld: 'application/ld+json' };

export default async function query(file: string, flags: { release: string; format?: string }, { io }: CommandContext): Promise<void> {
  const text = await readFile(file, 'utf8').catch((cause: NodeJS.ErrnoException) => {
    throw new OntsluitError('usage', 'cannot read the query file', { location: { source: file }, expected: 'a readable .rq file', found: cause.code ?? String(cause), cause });
  });
  const store = await loadStore(await openRelease(flags.release));
  try {
    const result = await runQuery(store, text, { accept: flags.format ? TYPES[flags.format] : undefined });
    io.stdout(result.body.endsWith('\n') ? result.body : `${result.body}\n`);
  } catch (error) {
    // Name the query file, keeping the line the SPARQL parser gave.
    if (error instanceof OntsluitError && (!error.location || error.location.source === 'query')) throw error.relocated(file);
    throw error;
  } finally {
    await store.close();
  }
}
