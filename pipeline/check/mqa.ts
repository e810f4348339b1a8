// The data.europa.eu Metadata Quality Assessment (405 points), scored on our catalog as piveau scores it.
import { Store } from '../vendor/rdf.js';
import type { Quad } from 'n3';
import type { AcceptedValues } from '../config.js';
import { NS } from '../iris.js';

export type Dimension = 'findability' | 'accessibility' | 'interoperability' | 'reusability' | 'contextuality';

export interface Indicator {
  id: string;
  dimension: Dimension;
  level: 'dataset' | 'distribution';
  points: number;
  /** What earns the points, in words. */
  needs: string;
}

export interface IndicatorResult extends Indicator {
  earned: number;
  /** Why the points were (not) earned. */
  note: string;
}

export interface MqaScore {
  dataset: string;
  total: number;
  rating: 'Excellent' | 'Good' | 'Sufficient' | 'Bad';
  dimensions: Record<Dimension, number>;
  /** The distribution whose points count (piveau takes the best one). */
  bestDistribution: string | null;
  indicators: IndicatorResult[];
}

/** The status an URL answered to HEAD, or null when it was not checked. */
export type UrlStatus = (url: string) => number | null;

const I = (id: string, dimension: Dimension, level: Indicator['level'], points: number, needs: string): Indicator => ({ id, dimension, level, points, needs });

export const INDICATORS: Indicator[] = [
  I('keywordAvailability', 'findability', 'dataset', 30, 'dcat:keyword on the dataset'),
  I('categoryAvailability', 'findability', 'dataset', 30, 'dcat:theme on the dataset'),
  I('spatialAvailability', 'findability', 'dataset', 20, 'dct:spatial on the dataset'),
  I('temporalAvailability', 'findability', 'dataset', 20, 'dct:temporal on the dataset'),
  I('accessUrlStatusCode', 'accessibility', 'distribution', 50, 'dcat:accessURL answering HEAD with 2xx'),
  I('downloadUrlAvailability', 'accessibility', 'distribution', 20, 'dcat:downloadURL on the distribution'),
  I('downloadUrlStatusCode', 'accessibility', 'distribution', 30, 'dcat:downloadURL answering HEAD with 2xx'),
  I('formatAvailability', 'interoperability', 'distribution', 20, 'dct:format on the distribution'),
  I('mediaTypeAvailability', 'interoperability', 'distribution', 10, 'dcat:mediaType on the distribution'),
  I('formatMediaTypeVocabularyAlignment', 'interoperability', 'distribution', 10, 'dct:format from the EU file-type list and dcat:mediaType from IANA'),
  I('formatMediaTypeNonProprietary', 'interoperability', 'distribution', 20, 'a non-proprietary format'),
  I('formatMediaTypeMachineInterpretable', 'interoperability', 'distribution', 20, 'a machine-readable format'),
  I('dcatApCompliance', 'interoperability', 'dataset', 30, 'no SHACL result against the DCAT-AP shapes'),
  I('licenceAvailability', 'reusability', 'distribution', 20, 'dct:license on the distribution'),
  I('knownLicence', 'reusability', 'distribution', 10, 'a licence from a known list (EU licence authority or its equivalent)'),
  I('accessRightsAvailability', 'reusability', 'dataset', 10, 'dct:accessRights on the dataset'),
  I('accessRightsVocabularyAlignment', 'reusability', 'dataset', 5, 'dct:accessRights from the EU access-right list'),
  I('contactPointAvailability', 'reusability', 'dataset', 20, 'dcat:contactPoint on the dataset'),
  I('publisherAvailability', 'reusability', 'dataset', 10, 'dct:publisher on the dataset'),
  I('rightsAvailability', 'contextuality', 'distribution', 5, 'dct:rights on the distribution'),
  I('byteSizeAvailability', 'contextuality', 'distribution', 5, 'dcat:byteSize on the distribution'),
  I('dateIssuedAvailability', 'contextuality', 'distribution', 5, 'dct:issued on the distribution (or the dataset)'),
  I('dateModifiedAvailability', 'contextuality', 'distribution', 5, 'dct:modified on the distribution (or the dataset)'),
];

const FILE_TYPE = 'http://publications.europa.eu/resource/authority/file-type/';
const IANA = /^https?:\/\/www\.iana\.org\/assignments\/media-types\/[a-z]+\/[A-Za-z0-9.+-]+$/;
const ACCESS_RIGHT = /^http:\/\/publications\.europa\.eu\/resource\/authority\/access-right\/[A-Z_]+$/;
const EU_LICENCE = /^http:\/\/publications\.europa\.eu\/resource\/authority\/licence\/[A-Z0-9_]+$/;

export function rating(total: number): MqaScore['rating'] {
  return total >= 351 ? 'Excellent' : total >= 221 ? 'Good' : total >= 121 ? 'Sufficient' : 'Bad';
}

/**
 * Scores each dcat:Dataset of the catalog: dataset-level indicators plus the indicators of its best
 * distribution (piveau's rule), issued/modified counted once.
 */
export function scoreCatalog(quads: Quad[], accepted: AcceptedValues, compliant: (dataset: string) => boolean, urlStatus: UrlStatus): MqaScore[] {
  const scorer = new Scorer(new Store(quads), accepted, compliant, urlStatus);
  return scorer.datasets().map((dataset) => scorer.score(dataset));
}

const P = (prefix: keyof typeof NS, local: string) => `${NS[prefix]}${local}`;

/** The indicators of the MQA methodology over one catalog graph. */
class Scorer {
  constructor(
    private readonly store: Store,
    private readonly accepted: AcceptedValues,
    private readonly compliant: (dataset: string) => boolean,
    private readonly urlStatus: UrlStatus,
  ) {}

  datasets(): string[] {
    return this.store.getSubjects(P('rdf', 'type'), P('dcat', 'Dataset'), null).map((t) => t.value).sort();
  }

  private objects(s: string, p: string): string[] {
    return this.store.getObjects(s, p, null).map((o) => o.value);
  }

  private has(s: string, p: string): boolean {
    return this.objects(s, p).length > 0;
  }

  private knownLicence(uri: string): boolean {
    return EU_LICENCE.test(uri) || Object.hasOwn(this.accepted.license.euLicence ?? {}, uri);
  }

  /** Whether one of `urls` answered 2xx, and what each answered. */
  private answered(urls: string[]): [boolean, string] {
    const statuses = urls.map((u) => [u, this.urlStatus(u)] as const);
    const good = statuses.find(([, s]) => s !== null && s >= 200 && s <= 299);
    return [good !== undefined, statuses.map(([u, s]) => `${u} → ${s ?? 'not checked'}`).join(', ') || 'no URL'];
  }

  private datasetLevel(dataset: string, id: string): [boolean, string] {
    const { compliant } = this;
    const has = (s: string, p: string) => this.has(s, p);
    const objects = (s: string, p: string) => this.objects(s, p);
    switch (id) {
      case 'keywordAvailability': return [has(dataset, P('dcat', 'keyword')), `${objects(dataset, P('dcat', 'keyword')).length} keyword(s)`];
      case 'categoryAvailability': return [has(dataset, P('dcat', 'theme')), objects(dataset, P('dcat', 'theme')).join(', ') || 'no theme'];
      case 'spatialAvailability': return [has(dataset, P('dct', 'spatial')), objects(dataset, P('dct', 'spatial')).join(', ') || 'no spatial'];
      case 'temporalAvailability': return [has(dataset, P('dct', 'temporal')), has(dataset, P('dct', 'temporal')) ? 'period given' : 'no temporal'];
      case 'dcatApCompliance': return [compliant(dataset), compliant(dataset) ? 'no SHACL results' : 'SHACL results for this dataset'];
      case 'accessRightsAvailability': return [has(dataset, P('dct', 'accessRights')), objects(dataset, P('dct', 'accessRights')).join(', ') || 'none'];
      case 'accessRightsVocabularyAlignment': {
        const values = objects(dataset, P('dct', 'accessRights'));
        return [values.some((v) => ACCESS_RIGHT.test(v)), values.join(', ') || 'none'];
      }
      case 'contactPointAvailability': return [has(dataset, P('dcat', 'contactPoint')), has(dataset, P('dcat', 'contactPoint')) ? 'given' : 'none'];
      case 'publisherAvailability': return [has(dataset, P('dct', 'publisher')), objects(dataset, P('dct', 'publisher')).join(', ') || 'none'];
      case 'dateIssuedAvailability': return [has(dataset, P('dct', 'issued')), 'on the dataset'];
      case 'dateModifiedAvailability': return [has(dataset, P('dct', 'modified')), 'on the dataset'];
      default: return [false, 'not a dataset indicator'];
    }
  }

  private distributionLevel(dist: string, id: string): [boolean, string] {
    const { accepted } = this;
    const has = (s: string, p: string) => this.has(s, p);
    const objects = (s: string, p: string) => this.objects(s, p);
    const knownLicence = (uri: string) => this.knownLicence(uri);
    const formats = objects(dist, P('dct', 'format'));
    const media = objects(dist, P('dcat', 'mediaType'));
    const access = objects(dist, P('dcat', 'accessURL'));
    const download = objects(dist, P('dcat', 'downloadURL'));
    switch (id) {
      case 'accessUrlStatusCode': return this.answered(access);
      case 'downloadUrlAvailability': return [download.length > 0, download.join(', ') || 'none'];
      case 'downloadUrlStatusCode': return this.answered(download);
      case 'formatAvailability': return [formats.length > 0, formats.join(', ') || 'none'];
      case 'mediaTypeAvailability': return [media.length > 0, media.join(', ') || 'none'];
      case 'formatMediaTypeVocabularyAlignment': return [formats.some((f) => f.startsWith(FILE_TYPE)) && media.some((m) => IANA.test(m)), `${formats.join(', ')} / ${media.join(', ')}`];
      case 'formatMediaTypeNonProprietary': return [formats.some((f) => accepted.format.nonProprietary?.includes(f)), formats.join(', ') || 'none'];
      case 'formatMediaTypeMachineInterpretable': return [formats.some((f) => accepted.format.machineReadable?.includes(f)), formats.join(', ') || 'none'];
      case 'licenceAvailability': return [has(dist, P('dct', 'license')), objects(dist, P('dct', 'license')).join(', ') || 'none'];
      case 'knownLicence': {
        const licences = objects(dist, P('dct', 'license'));
        return [licences.some(knownLicence), licences.map((l) => (knownLicence(l) ? `${l} (= ${accepted.license.euLicence?.[l] ?? l})` : l)).join(', ') || 'none'];
      }
      case 'rightsAvailability': return [has(dist, P('dct', 'rights')), has(dist, P('dct', 'rights')) ? 'given' : 'none'];
      case 'byteSizeAvailability': return [has(dist, P('dcat', 'byteSize')), objects(dist, P('dcat', 'byteSize')).join(', ') || 'none'];
      case 'dateIssuedAvailability': return [has(dist, P('dct', 'issued')), objects(dist, P('dct', 'issued')).join(', ') || 'none'];
      case 'dateModifiedAvailability': return [has(dist, P('dct', 'modified')), objects(dist, P('dct', 'modified')).join(', ') || 'none'];
      default: return [false, 'not a distribution indicator'];
    }
  }

  /** The best distribution of a dataset: the one with the most distribution-level points. */
  private best(dataset: string): { dist: string; results: IndicatorResult[]; total: number } | null {
    const distIndicators = INDICATORS.filter((i) => i.level === 'distribution');
    let best: { dist: string; results: IndicatorResult[]; total: number } | null = null;
    for (const dist of this.objects(dataset, P('dcat', 'distribution')).sort()) {
      const results = distIndicators.map((ind) => {
        const [met, note] = this.distributionLevel(dist, ind.id);
        return { ...ind, earned: met ? ind.points : 0, note };
      });
      const total = results.reduce((n, r) => n + r.earned, 0);
      if (!best || total > best.total) best = { dist, results, total };
    }
    return best;
  }

  score(dataset: string): MqaScore {
    const best = this.best(dataset);
    const distResults = best?.results ?? INDICATORS.filter((i) => i.level === 'distribution' && !i.id.startsWith('date')).map((ind) => ({ ...ind, earned: 0, note: 'the dataset has no distribution' }));
    const datasetResults = INDICATORS.filter((i) => i.level === 'dataset' || (!best && i.id.startsWith('date'))).map((ind) => {
      const [met, note] = this.datasetLevel(dataset, ind.id);
      return { ...ind, earned: met ? ind.points : 0, note };
    });
    const indicators = [...datasetResults, ...distResults].sort((a, b) => INDICATORS.findIndex((i) => i.id === a.id) - INDICATORS.findIndex((i) => i.id === b.id));
    const dimensions = { findability: 0, accessibility: 0, interoperability: 0, reusability: 0, contextuality: 0 };
    for (const r of indicators) dimensions[r.dimension] += r.earned;
    const total = indicators.reduce((n, r) => n + r.earned, 0);
    return { dataset, total, rating: rating(total), dimensions, bestDistribution: best?.dist ?? null, indicators };
  }
}
