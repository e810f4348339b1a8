// A graph as its subjects, each with its quads made when asked for: RDF written a subject at a time is never held whole.
import type { Quad, Quad_Subject } from 'n3';

/** One subject and what the graph says of it; `quads()` may make them anew on every call. */
export interface Subject {
  term: Quad_Subject;
  quads(): Quad[];
}

const keyOf = (term: Quad_Subject) => `${term.termType === 'NamedNode' ? 'N' : term.termType === 'BlankNode' ? 'B' : term.termType}${term.value}`;

/** The quads grouped by subject, subjects in the order they first come, each subject's quads in theirs. */
export function subjectsOf(quads: Quad[]): Subject[] {
  const groups = new Map<string, { term: Quad_Subject; list: Quad[] }>();
  for (const quad of quads) {
    const key = keyOf(quad.subject);
    const group = groups.get(key);
    if (group) group.list.push(quad);
    else groups.set(key, { term: quad.subject, list: [quad] });
  }
  return [...groups.values()].map(({ term, list }) => ({ term, quads: () => list }));
}

/** True when no subject comes twice: what the subject-at-a-time writers need. */
export function distinctSubjects(subjects: Subject[]): boolean {
  const seen = new Set<string>();
  for (const { term } of subjects) {
    const key = keyOf(term);
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}
