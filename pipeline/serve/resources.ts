// The release's triples by subject, held in memory: /doc/ answers from it and never waits behind SPARQL queries.
import { Writer } from '../vendor/rdf.js';
import type { Quad } from 'n3';
import { byCodePoint } from '../lib/compare.js';
import type { Release } from '../release.js';

/** What /doc/ serves: the triples about one IRI, as sorted N-Triples. */
export interface ResourceIndex {
  readonly base: string;
  /** Subjects (IRIs) with at least one triple. */
  readonly size: number;
  /** The triples whose subject is `iri`, as N-Triples (one line each, sorted); undefined when there are none. */
  describe(iri: string): string | undefined;
}

/**
 * Indexes every triple of the release (datasets, catalog, vocabulary) by its subject, once: the same
 * triples a `CONSTRUCT { <iri> ?p ?o } WHERE { <iri> ?p ?o }` over the union graph returns.
 */
export function indexResources(release: Release): ResourceIndex {
  const writer = new Writer({ format: 'N-Triples' });
  const lines = new Map<string, Set<string>>();
  const add = (quads: readonly Quad[]) => {
    for (const q of quads) {
      if (q.subject.termType !== 'NamedNode') continue;
      let set = lines.get(q.subject.value);
      if (!set) lines.set(q.subject.value, (set = new Set()));
      set.add(writer.quadToString(q.subject, q.predicate, q.object));
    }
  };
  for (const dataset of release.datasets) add(dataset.quads);
  add(release.catalog);
  add(release.vocabulary);
  const documents = new Map<string, string>();
  for (const [subject, set] of lines) documents.set(subject, [...set].sort(byCodePoint).join(''));
  return { base: release.base, size: documents.size, describe: (iri) => documents.get(iri) };
}
