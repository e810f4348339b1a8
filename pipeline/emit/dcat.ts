// The DCAT catalog (DCAT-AP-NL 3.0): catalog, dataset series, one dataset per plan, one distribution per file.
import type { Quad } from 'n3';
import type { AcceptedValues, CatalogSpec, DatasetSpec } from '../config.js';
import { Iris } from '../iris.js';
import { span, type Manifest } from '../manifest.js';
import type { Organisation } from '../organisations.js';
import { describeFile } from './distribution-text.js';
import { FILE_TYPES, type ReleaseFile } from './files.js';
import { formatLabel } from './landing-text.js';
import { QuadSink, iri, q, text, typed } from './quads.js';

const EU = 'http://publications.europa.eu/resource/authority';
export const LANGUAGE_NL = `${EU}/language/NLD`;
export const ACCESS_PUBLIC = `${EU}/access-right/PUBLIC`;
export const IANA = 'https://www.iana.org/assignments/media-types/';
/** The DONL property for the dataset status, as data.overheid.nl's own exports write it. */
export const DONL_STATUS = 'https://data.overheid.nl/dcat.rdf#status';
/** The EU dataset-status table, from which DCAT-AP-NL 3.0 (4.1.30) takes a dataset's adms:status. */
export const DATASET_STATUS = `${EU}/dataset-status`;

export interface CatalogInput {
  spec: CatalogSpec;
  iris: Iris;
  publisher: Organisation;
  /** The value lists: the DONL status written beside each dataset status. */
  accepted: AcceptedValues;
  /** Files of each dataset, by dataset slug. */
  files: Map<string, ReleaseFile[]>;
  manifest: Manifest;
}

/**
 * The IRI by which DCAT names the publisher: its TOOI URI (the list DCAT-AP-NL 3.0, 4.1.22, names for
 * Dutch government organisations), else OWMS, else ontsluit's own.
 */
export function agentIri(org: Organisation, iris: Iris): string {
  return org.tooi ?? org.owms ?? iris.organisation(org.id);
}

/** The other URIs of the publisher (owl:sameAs): the OWMS URI data.overheid.nl matches publishers on. */
export function agentAliases(org: Organisation, iris: Iris): string[] {
  const agent = agentIri(org, iris);
  return [org.tooi, org.owms].filter((u): u is string => !!u && u !== agent);
}

/** A file's conformsTo as an IRI: release paths become download URLs, standards stay as they are. */
export function standardIri(conformsTo: string, iris: Iris): string {
  return /^https?:\/\//.test(conformsTo) ? conformsTo : iris.download(conformsTo);
}

/**
 * The dct:identifier of a resource ontsluit mints: its own IRI (`<base>/id/…`), a persistent URI, as a
 * literal (DCAT-AP gives dct:identifier a literal range; the push API and the portal's exports carry a URI).
 */
const identifier = (resource: string) => text(resource);

/**
 * Says of a URL that DCAT-AP 3.0.0 constrains with `sh:class rdfs:Resource` (access, download and
 * endpoint URLs, endpoint description) that it is one, as RDFS entails, since SHACL does no inference.
 */
function resource(out: QuadSink, url: string): void {
  out.type(url, q('rdfs', 'Resource'));
}

export function catalogQuads({ spec, iris, publisher, accepted, files, manifest }: CatalogInput): Quad[] {
  const out = new QuadSink();
  const catalog = iris.catalog(spec.catalog.id);
  const series = iris.id(`datasetreeks/${spec.series.id}`);
  const agent = agentIri(publisher, iris);
  const datasets = spec.datasets.filter((d) => files.has(d.slug));
  const all = datasets.flatMap((d) => files.get(d.slug)!.map((f) => manifest.files[f.path]!));
  const dates = span(all);

  out.type(catalog, q('dcat', 'Catalog'))
    .add(catalog, q('dct', 'identifier'), identifier(catalog))
    .texts(catalog, q('dct', 'title'), spec.catalog.title)
    .texts(catalog, q('dct', 'description'), spec.catalog.description)
    .add(catalog, q('dct', 'publisher'), iri(agent))
    .add(catalog, q('dct', 'creator'), iri(agent))
    .add(catalog, q('foaf', 'homepage'), iri(spec.catalog.homepage))
    .add(catalog, q('dcat', 'contactPoint'), iri(contactPoint(out, catalog, spec)))
    .add(catalog, q('dct', 'language'), iri(LANGUAGE_NL))
    .add(catalog, q('dct', 'spatial'), iri(spec.datasets[0]!.spatial))
    .add(catalog, q('dct', 'issued'), typed(dates.issued, 'date'))
    .add(catalog, q('dct', 'modified'), typed(dates.modified, 'date'));
  for (const d of datasets) out.add(catalog, q('dcat', 'dataset'), iri(iris.dataset(d.slug)));
  out.type(spec.catalog.homepage, q('foaf', 'Document'));

  out.type(series, q('dcat', 'DatasetSeries'))
    .add(series, q('dct', 'identifier'), identifier(series))
    .texts(series, q('dct', 'title'), spec.series.title)
    .texts(series, q('dct', 'description'), spec.series.description)
    .add(series, q('dct', 'publisher'), iri(agent))
    .add(series, q('dct', 'issued'), typed(dates.issued, 'date'))
    .add(series, q('dct', 'modified'), typed(dates.modified, 'date'));

  out.type(agent, q('foaf', 'Agent'), q('org', 'Organization'))
    .add(agent, q('foaf', 'name'), text(publisher.name, 'nl'));
  for (const alias of agentAliases(publisher, iris)) out.add(agent, q('owl', 'sameAs'), iri(alias));
  typeReferences(out, spec, datasets, iris);

  const service = dataService(out, spec, iris, agent, datasets);
  out.add(catalog, q('dcat', 'service'), iri(service));
  for (const d of datasets) datasetDescription({ out, d, spec, iris, agent, series, service, donlStatus: accepted.status.donl[d.status] ?? null, files: files.get(d.slug)!, manifest });
  return out.quads;
}

/**
 * Gives the controlled-vocabulary IRIs the catalog points to the class DCAT-AP expects of them, so
 * that the SHACL class constraints hold without loading the vocabularies themselves.
 */
function typeReferences(out: QuadSink, spec: CatalogSpec, datasets: DatasetSpec[], iris: Iris): void {
  out.type(LANGUAGE_NL, q('dct', 'LinguisticSystem'));
  for (const [concept, label] of Object.entries(spec.conceptLabels))
    if (label) out.add(concept, q('skos', 'prefLabel'), text(label.nl, 'nl')).add(concept, q('skos', 'prefLabel'), text(label.en, 'en'));
  out.type(ACCESS_PUBLIC, q('dct', 'RightsStatement'), q('skos', 'Concept'));
  out.type(q('spdx', 'checksumAlgorithm_sha256').value, q('spdx', 'ChecksumAlgorithm'));
  for (const d of datasets) {
    out.type(d.spatial, q('dct', 'Location'));
    out.type(d.frequency, q('dct', 'Frequency'));
    out.type(d.license, q('dct', 'LicenseDocument'));
    // Only a value of the EU table is said to be a concept of it: any other value stays untyped, so that
    // the DCAT-AP-NL class range on adms:status (skos:Concept) reports it rather than taking it on our word.
    if (d.status.startsWith(`${DATASET_STATUS}/`)) out.type(d.status, q('skos', 'Concept')).add(d.status, q('skos', 'inScheme'), iri(DATASET_STATUS));
    out.type(d.planPage, q('foaf', 'Document'));
    out.type(iris.download(`${d.slug}/`), q('foaf', 'Document'));
    for (const theme of d.themes) out.type(theme, q('skos', 'Concept'));
  }
}

/** The contact point of a catalog or dataset, `<subject>#contactpunt`; returns its IRI. */
function contactPoint(out: QuadSink, subject: string, spec: CatalogSpec): string {
  const contact = `${subject}#contactpunt`;
  out.type(contact, q('vcard', 'Kind'), q('vcard', 'Organization'))
    .add(contact, q('vcard', 'fn'), text(spec.contactPoint.name, 'nl'))
    .add(contact, q('vcard', 'hasEmail'), iri(`mailto:${spec.contactPoint.email}`))
    .add(contact, q('vcard', 'hasTelephone'), iri(`tel:${spec.contactPoint.telephone.replace(/\s+/g, '')}`));
  return contact;
}

/** SPARQL 1.1 Protocol, which the endpoint implements. */
export const SPARQL_PROTOCOL = 'https://www.w3.org/TR/sparql11-protocol/';

/** The SPARQL endpoint of the served release, as a dcat:DataService serving every dataset. */
function dataService(out: QuadSink, spec: CatalogSpec, iris: Iris, agent: string, datasets: DatasetSpec[]): string {
  const s = iris.id(`dienst/${spec.service.id}`);
  const endpoint = iris.download('sparql');
  const first = datasets[0] ?? spec.datasets[0]!;
  out.type(s, q('dcat', 'DataService'))
    .add(s, q('dct', 'identifier'), identifier(s))
    .texts(s, q('dct', 'title'), spec.service.title)
    .texts(s, q('dct', 'description'), spec.service.description)
    .add(s, q('dcat', 'endpointURL'), iri(endpoint))
    .add(s, q('dcat', 'endpointDescription'), iri(endpoint))
    .add(s, q('dct', 'conformsTo'), iri(SPARQL_PROTOCOL))
    .add(s, q('dct', 'publisher'), iri(agent))
    .add(s, q('dct', 'creator'), iri(agent))
    .add(s, q('dcat', 'contactPoint'), iri(contactPoint(out, s, spec)))
    .add(s, q('dct', 'accessRights'), iri(ACCESS_PUBLIC))
    .add(s, q('dct', 'license'), iri(first.license))
    .add(s, q('dct', 'language'), iri(LANGUAGE_NL));
  for (const theme of first.themes) out.add(s, q('dcat', 'theme'), iri(theme));
  for (const lang of ['nl', 'en'] as const) for (const word of ['SPARQL', ...first.keywords[lang]]) out.add(s, q('dcat', 'keyword'), text(word, lang));
  for (const d of datasets) out.add(s, q('dcat', 'servesDataset'), iri(iris.dataset(d.slug)));
  out.type(endpoint, q('foaf', 'Document'));
  resource(out, endpoint);
  out.type(SPARQL_PROTOCOL, q('dct', 'Standard'));
  return s;
}

/** The files the SPARQL endpoint serves: the RDF ones (the CSV and JSON files are downloads only). */
const SERVED_BY_ENDPOINT = new Set(['RDF_TURTLE', 'RDF_N_TRIPLES', 'JSON_LD']);

/** What one dataset's description is made from. */
interface DatasetInput {
  out: QuadSink;
  d: DatasetSpec;
  spec: CatalogSpec;
  iris: Iris;
  /** The publisher (and creator) agent. */
  agent: string;
  series: string;
  service: string;
  /** The DCAT-AP-DONL 2.0 status (donl:status) data/waardelijsten.json gives for the dataset's status. */
  donlStatus: string | null;
  files: ReleaseFile[];
  manifest: Manifest;
}

function datasetDescription(input: DatasetInput): void {
  const { out, d, spec, iris, agent, series, donlStatus, files, manifest } = input;
  const s = iris.dataset(d.slug);
  const contact = `${s}#contactpunt`;
  const period = `${s}#periode`;
  const rights = `${s}#rechten`;
  const vocabulary = iris.download('def/actieplan.ttl');
  const dates = span(files.map((f) => manifest.files[f.path]!));
  out.type(s, q('dcat', 'Dataset'))
    .add(s, q('dct', 'identifier'), identifier(s))
    .texts(s, q('dct', 'title'), d.title)
    .texts(s, q('dct', 'description'), d.description)
    .add(s, q('dct', 'publisher'), iri(agent))
    .add(s, q('dct', 'creator'), iri(agent))
    .add(s, q('dcat', 'contactPoint'), iri(contact))
    .add(s, q('dct', 'spatial'), iri(d.spatial))
    .add(s, q('dct', 'temporal'), iri(period))
    .add(s, q('dct', 'accrualPeriodicity'), iri(d.frequency))
    .add(s, q('dct', 'language'), iri(LANGUAGE_NL))
    .add(s, q('dct', 'accessRights'), iri(ACCESS_PUBLIC))
    .add(s, q('adms', 'status'), iri(d.status))
    .add(s, iri(DONL_STATUS), donlStatus ? iri(donlStatus) : null)
    .add(s, q('dcat', 'landingPage'), iri(iris.download(`${d.slug}/`)))
    .add(s, q('foaf', 'page'), iri(d.planPage))
    .add(s, q('dcat', 'inSeries'), iri(series))
    .add(s, q('dct', 'subject'), iri(iris.plan(d.plan)))
    .add(s, q('dct', 'conformsTo'), iri(vocabulary))
    .add(s, q('dct', 'issued'), typed(dates.issued, 'date'))
    .add(s, q('dct', 'modified'), typed(dates.modified, 'date'));
  for (const theme of d.themes) out.add(s, q('dcat', 'theme'), iri(theme));
  for (const word of d.keywords.nl) out.add(s, q('dcat', 'keyword'), text(word, 'nl'));
  for (const word of d.keywords.en) out.add(s, q('dcat', 'keyword'), text(word, 'en'));

  contactPoint(out, s, spec);
  out.type(period, q('dct', 'PeriodOfTime'))
    .add(period, q('dcat', 'startDate'), typed(d.temporal.start, 'gYear'))
    .add(period, q('dcat', 'endDate'), typed(d.temporal.end, 'gYear'));
  out.type(rights, q('dct', 'RightsStatement'))
    .texts(rights, q('rdfs', 'label'), d.rights);
  out.type(vocabulary, q('dct', 'Standard'));
  for (const file of files) distributionDescription(input, s, rights, file);
}

/** One file of a dataset as a dcat:Distribution, with its checksum, media type and format. */
function distributionDescription({ out, d, iris, service, manifest }: DatasetInput, s: string, rights: string, file: ReleaseFile): void {
  const entry = manifest.files[file.path]!;
  const dist = iris.distribution(d.slug, file.path.slice(d.slug.length + 1));
  const checksum = `${dist}#checksum`;
  const url = iris.download(file.path);
  const mediaType = `${IANA}${file.mediaType}`;
  const standard = file.conformsTo ? standardIri(file.conformsTo, iris) : null;
  out.add(s, q('dcat', 'distribution'), iri(dist));
  out.type(dist, q('dcat', 'Distribution'))
    .add(dist, q('dct', 'identifier'), text(file.path))
    .texts(dist, q('dct', 'title'), file.title)
    .texts(dist, q('dct', 'description'), describeFile(file.path.slice(d.slug.length + 1), file.fileType))
    .add(dist, q('dcat', 'accessURL'), iri(url))
    .add(dist, q('dcat', 'downloadURL'), iri(url))
    .add(dist, q('dct', 'format'), iri(FILE_TYPES[file.fileType]))
    .add(dist, q('dcat', 'mediaType'), iri(mediaType))
    .add(dist, q('dcat', 'byteSize'), typed(entry.bytes, 'nonNegativeInteger'))
    .add(dist, q('spdx', 'checksum'), iri(checksum))
    .add(dist, q('dct', 'license'), iri(d.license))
    .add(dist, q('dct', 'rights'), iri(rights))
    .add(dist, q('dct', 'language'), iri(LANGUAGE_NL))
    .add(dist, q('dct', 'conformsTo'), standard ? iri(standard) : null)
    .add(dist, q('dcat', 'accessService'), SERVED_BY_ENDPOINT.has(file.fileType) ? iri(service) : null)
    .add(dist, q('dct', 'issued'), typed(entry.issued, 'date'))
    .add(dist, q('dct', 'modified'), typed(entry.modified, 'date'));
  out.type(checksum, q('spdx', 'Checksum'))
    .add(checksum, q('spdx', 'algorithm'), q('spdx', 'checksumAlgorithm_sha256'))
    .add(checksum, q('spdx', 'checksumValue'), typed(entry.sha256, 'hexBinary'));
  resource(out, url);
  // Labelled, so that a harvester that shows a format or media type by its label (CKAN's DCAT harvester) shows "CSV", not the IRI.
  out.type(mediaType, q('dct', 'MediaType')).add(mediaType, q('rdfs', 'label'), text(file.mediaType));
  out.type(FILE_TYPES[file.fileType], q('dct', 'MediaTypeOrExtent')).add(FILE_TYPES[file.fileType], q('rdfs', 'label'), text(formatLabel(file.fileType)));
  if (standard) out.type(standard, q('dct', 'Standard'));
}

export const CATALOG_PREFIXES = {
  adms: 'http://www.w3.org/ns/adms#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  donl: 'https://data.overheid.nl/dcat.rdf#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  org: 'http://www.w3.org/ns/org#',
  owl: 'http://www.w3.org/2002/07/owl#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  spdx: 'http://spdx.org/rdf/terms#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};
