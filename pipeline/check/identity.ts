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

/** Subject IRIs under `<base>/id/` with their dct:identifier literals (a literal `<base>/id/<path>` as `<path>`). */
export function identities(quads: Quad[], base: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const prefix = `${base.replace(/\/+$/, '')}/id/`;
  for (const q of quads) {
    if (q.subject.termType !== 'NamedNode' || !q.subject.value.startsWith(prefix) || q.subject.value.includes('#')) continue;
    let ids = out.get(q.subject.value);
    if (!ids) out.set(q.subject.value, (ids = []));
    // Only an identifier's value is read: a literal's value is cut from its term each time it is asked for (every text of the release).
    if (q.predicate.value !== IDENTIFIER) continue;
    // An organisation is described in every dataset it acts in: the same identifier, told twice.
    // The identifier is compared as the path after `<base>/id/`: `dataset/x` and `<base>/id/dataset/x` name the same thing.
    const value = q.object.value;
    const id = value.startsWith(prefix) ? value.slice(prefix.length) : value;
    if (!ids.includes(id)) ids.push(id);
  }
  return out;
}

export function checkIdentity(previous: Quad[], next: Quad[], base: string, withdrawn: Withdrawal[]): IdentityProblem[] {
  const problems: IdentityProblem[] = [];
  const before = identities(previous, base);
  const after = identities(next, base);
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
