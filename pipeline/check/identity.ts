// Stable identity: IRIs of the previous release stay (or are withdrawn on record), identifiers never collide or change.
import type { Quad } from 'n3';
import type { Withdrawal } from '../config.js';
import { NS } from '../iris.js';

export interface IdentityProblem {
  kind: 'disappeared' | 'collision' | 'identifier-changed';
  iri: string;
  detail: string;
}

const IDENTIFIER = `${NS.dct}identifier`;

/** Subject IRIs under `<base>/id/` with their dct:identifier literals (a literal `<base>/id/<path>` as `<path>`), gathered a quad at a time. */
export class IdentityIndex {
  readonly map = new Map<string, string[]>();
  private readonly prefix: string;

  constructor(base: string) {
    this.prefix = `${base.replace(/\/+$/, '')}/id/`;
  }

  add(q: Quad): void {
    if (q.subject.termType !== 'NamedNode' || !q.subject.value.startsWith(this.prefix) || q.subject.value.includes('#')) return;
    let ids = this.map.get(q.subject.value);
    if (!ids) this.map.set(own(q.subject.value), (ids = []));
    // Only an identifier's value is read: a literal's value is cut from its term each time it is asked for (every text of the release).
    if (q.predicate.value !== IDENTIFIER) return;
    // An organisation is described in every dataset it acts in: the same identifier, told twice.
    // The identifier is compared as the path after `<base>/id/`: `dataset/x` and `<base>/id/dataset/x` name the same thing.
    const value = q.object.value;
    const id = value.startsWith(this.prefix) ? value.slice(this.prefix.length) : value;
    if (!ids.includes(id)) ids.push(own(id));
  }

  /** Adds the identities another index gathered (under the same base), as if its quads came here. */
  merge(other: Map<string, string[]>): void {
    for (const [iri, more] of other) {
      const ids = this.map.get(iri);
      if (!ids) this.map.set(iri, [...more]);
      else for (const id of more) if (!ids.includes(id)) ids.push(id);
    }
  }
}

/**
 * A copy of `text` that holds only its own characters: a term's value read from a stream is a slice of
 * the chunk it came in, and keeping the slice keeps the chunk (at 10⁵ entries: the whole previous file).
 */
const own = (text: string) => (` ${text}`).slice(1);

/** The identities of `quads` (see IdentityIndex). */
export function identities(quads: Quad[], base: string): Map<string, string[]> {
  const index = new IdentityIndex(base);
  for (const q of quads) index.add(q);
  return index.map;
}

/** The problems between the identities of the published release (`before`) and those of the new one. */
export function compareIdentities(before: Map<string, string[]>, after: Map<string, string[]>, withdrawn: Withdrawal[]): IdentityProblem[] {
  const problems: IdentityProblem[] = [];
  const onRecord = new Set(withdrawn.map((w) => w.iri));
  for (const [iri, ids] of before) {
    if (!after.has(iri)) {
      if (!onRecord.has(iri)) problems.push({ kind: 'disappeared', iri, detail: 'in the published release but not in the new one, and not in data/withdrawn.json' });
      continue;
    }
    const now = after.get(iri)!;
    if (ids.length && now.length && ids.sort().join('|') !== now.sort().join('|'))
      problems.push({ kind: 'identifier-changed', iri, detail: `dct:identifier was ${JSON.stringify(ids)}, is now ${JSON.stringify(now)}` });
  }
  const owners = new Map<string, string>();
  for (const [iri, ids] of after) {
    if (new Set(ids).size > 1) problems.push({ kind: 'collision', iri, detail: `one IRI for ${new Set(ids).size} things: dct:identifier ${JSON.stringify([...new Set(ids)].sort())}` });
    for (const id of ids) {
      const owner = owners.get(id);
      if (owner && owner !== iri) problems.push({ kind: 'collision', iri, detail: `dct:identifier ${JSON.stringify(id)} is also that of ${owner}` });
      else owners.set(id, iri);
    }
  }
  return problems;
}
