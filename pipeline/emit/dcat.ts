// The DCAT catalog: catalog, one dataset per plan, one distribution per file with size, checksum and dates.
import type { Quad } from 'n3';
import type { CatalogSpec, DatasetSpec } from '../config.js';
import { Iris } from '../iris.js';
import { span, type Manifest } from '../manifest.js';
import type { Organisation } from '../organisations.js';
import { FILE_TYPES, type ReleaseFile } from './files.js';
import { QuadSink, iri, q, text, typed } from './quads.js';

const EU = 'http://publications.europa.eu/resource/authority';
export const LANGUAGE_NL = `${EU}/language/NLD`;
export const ACCESS_PUBLIC = `${EU}/access-right/PUBLIC`;
const IANA = 'https://www.iana.org/assignments/media-types/';

export interface CatalogInput {
  spec: CatalogSpec;
  iris: Iris;
  publisher: Organisation;
  /** Files of each dataset, by dataset slug. */
  files: Map<string, ReleaseFile[]>;
  manifest: Manifest;
}

/** The IRI by which DCAT names the publisher: its OWMS URI, else TOOI, else ontsluit's own. */
export function agentIri(org: Organisation, iris: Iris): string {
  return org.owms ?? org.tooi ?? iris.organisation(org.id);
}

export function catalogQuads({ spec, iris, publisher, files, manifest }: CatalogInput): Quad[] {
  const out = new QuadSink();
  const catalog = iris.catalog(spec.catalog.id);
  const agent = agentIri(publisher, iris);
  const datasets = spec.datasets.filter((d) => files.has(d.slug));
  const all = datasets.flatMap((d) => files.get(d.slug)!.map((f) => manifest.files[f.path]!));
  const catalogDates = span(all);

  out.type(catalog, q('dcat', 'Catalog'))
    .add(catalog, q('dct', 'identifier'), text(`catalogus/${spec.catalog.id}`))
    .add(catalog, q('dct', 'title'), text(spec.catalog.title.nl, 'nl'))
    .add(catalog, q('dct', 'title'), text(spec.catalog.title.en, 'en'))
    .add(catalog, q('dct', 'description'), text(spec.catalog.description.nl, 'nl'))
    .add(catalog, q('dct', 'description'), text(spec.catalog.description.en, 'en'))
    .add(catalog, q('dct', 'publisher'), iri(agent))
    .add(catalog, q('foaf', 'homepage'), iri(spec.catalog.homepage))
    .add(catalog, q('dct', 'language'), iri(LANGUAGE_NL))
    .add(catalog, q('dct', 'issued'), typed(catalogDates.issued, 'date'))
    .add(catalog, q('dct', 'modified'), typed(catalogDates.modified, 'date'));
  for (const d of datasets) out.add(catalog, q('dcat', 'dataset'), iri(iris.dataset(d.slug)));

  out.type(agent, q('foaf', 'Agent'), q('org', 'Organization'))
    .add(agent, q('foaf', 'name'), text(publisher.name, 'nl'))
    .add(agent, q('owl', 'sameAs'), publisher.tooi && publisher.tooi !== agent ? iri(publisher.tooi) : null);

  for (const d of datasets) datasetDescription(out, d, spec, iris, agent, files.get(d.slug)!, manifest);
  return out.quads;
}

function datasetDescription(out: QuadSink, d: DatasetSpec, spec: CatalogSpec, iris: Iris, agent: string, files: ReleaseFile[], manifest: Manifest): void {
  const s = iris.dataset(d.slug);
  const contact = `${s}#contactpunt`;
  const period = `${s}#periode`;
  const dates = span(files.map((f) => manifest.files[f.path]!));
  out.type(s, q('dcat', 'Dataset'))
    .add(s, q('dct', 'identifier'), text(`dataset/${d.slug}`))
    .add(s, q('dct', 'title'), text(d.title.nl, 'nl'))
    .add(s, q('dct', 'title'), text(d.title.en, 'en'))
    .add(s, q('dct', 'description'), text(d.description.nl, 'nl'))
    .add(s, q('dct', 'description'), text(d.description.en, 'en'))
    .add(s, q('dct', 'publisher'), iri(agent))
    .add(s, q('dcat', 'contactPoint'), iri(contact))
    .add(s, q('dct', 'spatial'), iri(d.spatial))
    .add(s, q('dct', 'temporal'), iri(period))
    .add(s, q('dct', 'accrualPeriodicity'), iri(d.frequency))
    .add(s, q('dct', 'language'), iri(LANGUAGE_NL))
    .add(s, q('dct', 'accessRights'), iri(ACCESS_PUBLIC))
    .add(s, q('dcat', 'landingPage'), iri(d.landingPage))
    .add(s, q('dct', 'subject'), iri(iris.plan(d.plan)))
    .add(s, q('dct', 'conformsTo'), iri(iris.download('def/actieplan.ttl')))
    .add(s, q('dct', 'issued'), typed(dates.issued, 'date'))
    .add(s, q('dct', 'modified'), typed(dates.modified, 'date'));
  for (const theme of d.themes) out.add(s, q('dcat', 'theme'), iri(theme));
  for (const word of d.keywords.nl) out.add(s, q('dcat', 'keyword'), text(word, 'nl'));
  for (const word of d.keywords.en) out.add(s, q('dcat', 'keyword'), text(word, 'en'));

  out.type(contact, q('vcard', 'Organization'))
    .add(contact, q('vcard', 'fn'), text(spec.contactPoint.name, 'nl'))
    .add(contact, q('vcard', 'hasEmail'), iri(`mailto:${spec.contactPoint.email}`))
    .add(contact, q('vcard', 'hasTelephone'), iri(`tel:${spec.contactPoint.telephone.replace(/\s+/g, '')}`));
  out.type(period, q('dct', 'PeriodOfTime'))
    .add(period, q('dcat', 'startDate'), typed(d.temporal.start, 'gYear'))
    .add(period, q('dcat', 'endDate'), typed(d.temporal.end, 'gYear'));

  for (const file of files) {
    const entry = manifest.files[file.path]!;
    const dist = iris.distribution(d.slug, file.path.slice(d.slug.length + 1));
    const checksum = `${dist}#checksum`;
    const url = iris.download(file.path);
    out.add(s, q('dcat', 'distribution'), iri(dist));
    out.type(dist, q('dcat', 'Distribution'))
      .add(dist, q('dct', 'identifier'), text(file.path))
      .add(dist, q('dct', 'title'), text(file.title.nl, 'nl'))
      .add(dist, q('dct', 'title'), text(file.title.en, 'en'))
      .add(dist, q('dcat', 'accessURL'), iri(url))
      .add(dist, q('dcat', 'downloadURL'), iri(url))
      .add(dist, q('dct', 'format'), iri(FILE_TYPES[file.fileType]))
      .add(dist, q('dcat', 'mediaType'), iri(`${IANA}${file.mediaType}`))
      .add(dist, q('dcat', 'byteSize'), typed(entry.bytes, 'nonNegativeInteger'))
      .add(dist, q('spdx', 'checksum'), iri(checksum))
      .add(dist, q('dct', 'license'), iri(d.license))
      .add(dist, q('dct', 'language'), iri(LANGUAGE_NL))
      .add(dist, q('dct', 'conformsTo'), file.conformsTo ? iri(iris.download(file.conformsTo)) : null)
      .add(dist, q('dct', 'issued'), typed(entry.issued, 'date'))
      .add(dist, q('dct', 'modified'), typed(entry.modified, 'date'));
    out.type(checksum, q('spdx', 'Checksum'))
      .add(checksum, q('spdx', 'algorithm'), q('spdx', 'checksumAlgorithm_sha256'))
      .add(checksum, q('spdx', 'checksumValue'), typed(entry.sha256, 'hexBinary'));
  }
}

export const CATALOG_PREFIXES = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  org: 'http://www.w3.org/ns/org#',
  owl: 'http://www.w3.org/2002/07/owl#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  spdx: 'http://spdx.org/rdf/terms#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};
