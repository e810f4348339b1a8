// What a release keeps of a dataset's RDF once its files are written: VoID statistics, identities and how often each own term is used.
import type { Quad } from 'n3';
import { IdentityIndex } from '../check/identity.js';
import type { Iris } from '../iris.js';
import { subjectsOf } from './subjects.js';
import { termUse } from './vocabulary-page.js';
import { StatisticsCounter, type Statistics } from './void.js';

export interface DatasetSummary {
  /** Distinct triples, subjects, objects, classes and properties (void.ttl). */
  stats: Statistics;
  /** Subject IRIs under `<base>/id/` with their identifiers (the identity check). */
  identities: Map<string, string[]>;
  /** Each own term's use (def/actieplan.html). */
  use: Map<string, number>;
}

/** A summary gathered a subject at a time, while the subjects are written: each subject must come once, with all its quads. */
export class SummaryBuilder {
  private readonly stats = new StatisticsCounter();
  private readonly identities: IdentityIndex;
  private readonly use = new Map<string, number>();

  constructor(private readonly iris: Iris) {
    this.identities = new IdentityIndex(iris.base);
  }

  addSubject(quads: Quad[]): void {
    this.stats.addSubject(quads);
    for (const quad of quads) this.identities.add(quad);
    termUse(quads, this.iris, this.use);
  }

  result(): DatasetSummary {
    return { stats: this.stats.result(), identities: this.identities.map, use: this.use };
  }
}

/** The summary of quads in any order (a dataset read back from the previous release). */
export function summarize(quads: Quad[], iris: Iris): DatasetSummary {
  const builder = new SummaryBuilder(iris);
  for (const subject of subjectsOf(quads)) builder.addSubject(subject.quads());
  return builder.result();
}
