// The DCAT catalog: one distribution per dataset file, with true size, checksum, URLs, formats, licence and dates.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DATASET_STATUS, DONL_STATUS, catalogQuads } from '../../pipeline/emit/dcat.js';
import { STANDARDS, type ReleaseFile } from '../../pipeline/emit/files.js';
import { Iris } from '../../pipeline/iris.js';
import { createRegistry } from '../../pipeline/organisations.js';
import { project } from '../helpers.js';
import { BASE, Graph, SLUG, TODAY, buildRelease, iri, jsonLdQuads, parseTurtle, textOf, tripleSet, xsd } from './release.js';

const release = await buildRelease();
const quads = parseTurtle(textOf(release, 'catalog.ttl'));
const g = new Graph(quads);
const DCAT = (local: string) => iri('dcat', local);
const DCT = (local: string) => iri('dct', local);
const SPDX = (local: string) => iri('spdx', local);
const VCARD = (local: string) => iri('vcard', local);

/** The dataset's files; its landing pages (index.html, index.en.html) and their charts (*.svg) are not distributions. */
const datasetFiles = release.files.filter((f) => f.path.startsWith(`${SLUG}/`) && !/\.(html|svg)$/.test(f.path));
const catalogs = g.ofType(DCAT('Catalog'));
const datasets = g.ofType(DCAT('Dataset'));
const distributions = g.ofType(DCAT('Distribution'));
const dataset = datasets[0]!;
const FILE_TYPE = 'http://publications.europa.eu/resource/authority/file-type/';
const DONL_AVAILABLE = 'http://data.overheid.nl/status/beschikbaar';
const { config } = project();

/** The catalog of the project's metadata with every dataset's status set to `status`, over one small file. */
function catalogWithStatus(status: string) {
  const file: ReleaseFile = { path: `${SLUG}/actions.csv`, bytes: Buffer.from('nummer\n1\n'), mediaType: 'text/csv', fileType: 'CSV', title: { nl: 'Actiepunten', en: 'Action points' } };
  const manifest = { files: { [file.path]: { bytes: file.bytes.length, sha256: createHash('sha256').update(file.bytes).digest('hex'), issued: TODAY, modified: TODAY } } };
  const spec = { ...config.catalog, datasets: config.catalog.datasets.map((d) => ({ ...d, status })) };
  const publisher = createRegistry(config.organisations).resolve(config.organisations.find((o) => o.id === config.catalog.publisher)!.name);
  return new Graph(catalogQuads({ spec, iris: new Iris(config.catalog.baseUrl), publisher, accepted: config.accepted, files: new Map([[SLUG, [file]]]), manifest }));
}
const IANA = 'https://www.iana.org/assignments/media-types/';

/** The distribution whose dct:identifier is the file's path in the release. */
const distributionOf = (path: string) => {
  const found = g.subjects(DCT('identifier'), path).filter((s) => distributions.includes(s));
  expect(found, path).toHaveLength(1);
  return found[0]!;
};

const expectDate = (subject: string, predicate: string, value: string) => {
  const literal = g.object(subject, predicate);
  expect(literal.termType, `${subject} ${predicate}`).toBe('Literal');
  expect(literal.termType === 'Literal' && literal.datatype.value, `${subject} ${predicate}`).toBe(xsd('date'));
  expect(literal.value, `${subject} ${predicate}`).toBe(value);
};

describe('DCAT catalog', () => {
  it('parses, with one catalog listing one dataset', () => {
    expect(catalogs).toHaveLength(1);
    expect(datasets).toHaveLength(1);
    expect(g.objects(catalogs[0]!, DCAT('dataset')).map((o) => o.value)).toEqual([dataset]);
  });

  it('has exactly one distribution per file of the dataset, each linked from the dataset', () => {
    expect(datasetFiles.length).toBeGreaterThanOrEqual(15);
    expect(distributions).toHaveLength(datasetFiles.length);
    expect(g.objects(dataset, DCAT('distribution')).map((o) => o.value).sort()).toEqual([...distributions].sort());
    expect(datasetFiles.map((f) => distributionOf(f.path)).sort()).toEqual([...distributions].sort());
  });

  it('gives each distribution the real byte size and the sha256 of its bytes', () => {
    for (const file of datasetFiles) {
      const d = distributionOf(file.path);
      const size = g.object(d, DCAT('byteSize'));
      expect(size.termType === 'Literal' && size.datatype.value, file.path).toBe(xsd('nonNegativeInteger'));
      expect(Number(size.value), file.path).toBe(file.bytes.length);
      const checksum = g.object(d, SPDX('checksum')).value;
      expect(g.object(checksum, SPDX('algorithm')).value).toBe(SPDX('checksumAlgorithm_sha256'));
      const value = g.object(checksum, SPDX('checksumValue'));
      expect(value.termType === 'Literal' && value.datatype.value, file.path).toBe(xsd('hexBinary'));
      expect(value.value, file.path).toBe(createHash('sha256').update(file.bytes).digest('hex'));
    }
  });

  it('downloads each distribution from https://data.open-overheid.nl/<path>, the same as its access URL', () => {
    expect(BASE).toBe('https://data.open-overheid.nl');
    for (const file of datasetFiles) {
      const d = distributionOf(file.path);
      const download = g.object(d, DCAT('downloadURL'));
      expect(download.termType).toBe('NamedNode');
      expect(download.value).toBe(`https://data.open-overheid.nl/${file.path}`);
      expect(g.object(d, DCAT('accessURL')).value).toBe(download.value);
    }
  });

  it('names formats with EU file types and media types with IANA URIs that match each file', () => {
    const byExtension: [RegExp, string][] = [
      [/\.csv$/, 'CSV'],
      [/\.jsonld$/, 'JSON_LD'],
      [/\.json$/, 'JSON'],
      [/\.ttl$/, 'RDF_TURTLE'],
      [/\.nt$/, 'RDF_N_TRIPLES'],
      [/\.xlsx$/, 'XLSX'],
    ];
    for (const file of datasetFiles) {
      const d = distributionOf(file.path);
      const format = g.object(d, DCT('format')).value;
      expect(format.startsWith(FILE_TYPE), file.path).toBe(true);
      expect(format, file.path).toBe(FILE_TYPE + byExtension.find(([re]) => re.test(file.path))![1]);
      const media = g.object(d, DCAT('mediaType')).value;
      expect(media, file.path).toMatch(/^https:\/\/www\.iana\.org\/assignments\/media-types\/[a-z]+\/[a-z0-9.+-]+$/);
      expect(media, file.path).toBe(IANA + file.mediaType);
    }
    expect(g.object(distributionOf(`${SLUG}/dataset.ttl`), DCAT('mediaType')).value).toBe(`${IANA}text/turtle`);
  });

  it('lists the workbook, the CSVW table group and the data package as distributions', () => {
    const expected: [string, string, string, string][] = [
      [`${SLUG}/${SLUG}.xlsx`, 'XLSX', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', STANDARDS.officeOpenXml],
      [`${SLUG}/csv-metadata.json`, 'JSON', 'application/csvm+json', STANDARDS.csvw],
      [`${SLUG}/datapackage.json`, 'JSON', 'application/json', STANDARDS.tabularDataPackage],
    ];
    for (const [path, format, media, standard] of expected) {
      const d = distributionOf(path);
      expect(g.object(d, DCT('format')).value, path).toBe(FILE_TYPE + format);
      expect(g.object(d, DCAT('mediaType')).value, path).toBe(IANA + media);
      expect(g.object(d, DCT('conformsTo')).value, path).toBe(standard);
      expect(g.objects(d, DCT('title')).map((t) => (t.termType === 'Literal' ? t.language : '')).sort(), path).toEqual(['en', 'nl']);
    }
  });

  it('licenses every distribution CC0, as the DONL licence list writes it', () => {
    for (const file of datasetFiles) expect(g.object(distributionOf(file.path), DCT('license')).value, file.path).toBe('http://creativecommons.org/publicdomain/zero/1.0/deed.nl');
  });

  it('points dct:conformsTo of every distribution at a file of the release or a published standard', () => {
    const urls = new Set([...release.files.map((f) => `${BASE}/${f.path}`), ...Object.values(STANDARDS)]);
    for (const d of distributions) expect(g.objects(d, DCT('conformsTo')), d).toHaveLength(1);
    for (const c of distributions.flatMap((d) => g.objects(d, DCT('conformsTo')))) expect(urls.has(c.value), c.value).toBe(true);
    expect(g.object(distributionOf(`${SLUG}/dataset.json`), DCT('conformsTo')).value).toBe(`${BASE}/${SLUG}/dataset.schema.json`);
    expect(g.object(distributionOf(`${SLUG}/actions.csv`), DCT('conformsTo')).value).toBe(`${BASE}/${SLUG}/csv-metadata.json`);
  });

  it('dates catalog, dataset and distributions with xsd:date from the injected clock', () => {
    for (const s of [catalogs[0]!, dataset, ...distributions]) {
      expectDate(s, DCT('issued'), TODAY);
      expectDate(s, DCT('modified'), TODAY);
    }
  });
});

describe('DCAT dataset description', () => {
  it('has a contact point with mailto: e-mail and tel: telephone', () => {
    const contact = g.object(dataset, DCAT('contactPoint')).value;
    expect(g.object(contact, VCARD('hasEmail')).value).toMatch(/^mailto:[^@\s]+@[^@\s]+\.[a-z]+$/);
    expect(g.object(contact, VCARD('hasTelephone')).value).toMatch(/^tel:\+?\d+$/);
    expect(g.object(contact, VCARD('fn')).value).not.toBe('');
  });

  it('has spatial coverage and a temporal period from 2020 to 2022 as xsd:gYear', () => {
    expect(g.object(dataset, DCT('spatial')).termType).toBe('NamedNode');
    const period = g.object(dataset, DCT('temporal')).value;
    expect(g.objects(period, iri('rdf', 'type')).map((t) => t.value)).toContain(DCT('PeriodOfTime'));
    for (const [predicate, year] of [
      [DCAT('startDate'), '2020'],
      [DCAT('endDate'), '2022'],
    ] as const) {
      const literal = g.object(period, predicate);
      expect(literal.termType === 'Literal' && literal.datatype.value).toBe(xsd('gYear'));
      expect(literal.value).toBe(year);
    }
  });

  it('has keywords in Dutch and English, and themes as IRIs', () => {
    const keywords = g.objects(dataset, DCAT('keyword'));
    expect(keywords.some((k) => k.termType === 'Literal' && k.language === 'nl')).toBe(true);
    expect(keywords.some((k) => k.termType === 'Literal' && k.language === 'en')).toBe(true);
    const themes = g.objects(dataset, DCAT('theme'));
    expect(themes.length).toBeGreaterThan(0);
    for (const t of themes) expect(t.termType).toBe('NamedNode');
  });

  it('tags every keyword with its language, on the dataset and the data service, Dutch and English alike', () => {
    const service = g.ofType(DCAT('DataService'))[0]!;
    for (const subject of [dataset, service]) {
      const keywords = g.objects(subject, DCAT('keyword'));
      expect(keywords.every((k) => k.termType === 'Literal' && (k.language === 'nl' || k.language === 'en'))).toBe(true);
      expect(keywords.filter((k) => k.termType === 'Literal' && k.language === 'en').map((k) => k.value)).toEqual(expect.arrayContaining(['open government', 'transparency']));
    }
  });

  it('describes every distribution in Dutch and English (dct:description)', () => {
    for (const dist of distributions) {
      const texts = g.objects(dist, DCT('description'));
      expect(texts.map((t) => t.termType === 'Literal' && t.language).sort(), dist).toEqual(['en', 'nl']);
      for (const t of texts) expect(t.value.length, dist).toBeGreaterThan(30);
    }
    const csv = g.objects(distributionOf(`${SLUG}/actions.csv`), DCT('description')).find((t) => t.termType === 'Literal' && t.language === 'en')!;
    expect(csv.value).toMatch(/^CSV table .*one row per action point/);
    // Only the RDF files are "the whole dataset as RDF": not the workbook, the CSVW group or the data package.
    const rdf = distributions.filter((dist) => g.objects(dist, DCT('description')).some((t) => /as RDF in/.test(t.value)));
    expect(rdf.map((dist) => g.object(dist, DCT('format')).value.split('/').pop()).sort()).toEqual(['JSON_LD', 'RDF_N_TRIPLES', 'RDF_TURTLE']);
    const english = (file: string) => g.objects(distributionOf(`${SLUG}/${file}`), DCT('description')).find((t) => t.termType === 'Literal' && t.language === 'en')!.value;
    expect(english(`${SLUG}.xlsx`)).toMatch(/^Workbook/);
    expect(english('csv-metadata.json')).toMatch(/^CSVW description .* one table group/);
    expect(english('datapackage.json')).toMatch(/^Frictionless Data Package/);
  });

  it('labels each format and media type IRI, so a harvester can show "CSV" rather than the IRI', () => {
    const label = (subject: string) => g.object(subject, iri('rdfs', 'label')).value;
    expect(label(`${FILE_TYPE}CSV`)).toBe('CSV');
    expect(label(`${FILE_TYPE}RDF_TURTLE`)).toBe('Turtle');
    expect(label(`${IANA}text/csv`)).toBe('text/csv');
    for (const dist of distributions) {
      expect(g.objects(g.object(dist, DCT('format')).value, iri('rdfs', 'label'))).toHaveLength(1);
      expect(g.objects(g.object(dist, DCAT('mediaType')).value, iri('rdfs', 'label'))).toHaveLength(1);
    }
  });

  it('identifies catalog, series, service and dataset by their persistent URI (a literal, as DCAT-AP wants)', () => {
    for (const subject of [...catalogs, ...g.ofType(DCAT('DatasetSeries')), ...g.ofType(DCAT('DataService')), dataset]) {
      const id = g.object(subject, DCT('identifier'));
      expect(id.termType).toBe('Literal');
      expect(id.value).toBe(subject);
      expect(id.value).toMatch(new RegExp(`^${BASE}/id/`));
    }
  });

  it('types every access, download and endpoint URL as rdfs:Resource (DCAT-AP 3.0.0 checks sh:class on them)', () => {
    const urls = [DCAT('accessURL'), DCAT('downloadURL'), DCAT('endpointURL'), DCAT('endpointDescription')].flatMap((p) => quads.filter((q) => q.predicate.value === p).map((q) => q.object.value));
    expect(urls.length).toBe(2 * datasetFiles.length + 2);
    for (const url of urls) expect(g.objects(url, iri('rdf', 'type')).map((t) => t.value), url).toContain(iri('rdfs', 'Resource'));
  });

  it('takes the dataset status from the EU dataset-status table DCAT-AP-NL 3.0 names, with the DONL status beside it', () => {
    const status = g.object(dataset, iri('adms', 'status')).value;
    expect(status).toBe(`${DATASET_STATUS}/DEVELOP`);
    expect(g.objects(status, iri('rdf', 'type')).map((t) => t.value)).toEqual([iri('skos', 'Concept')]);
    expect(g.object(status, iri('skos', 'inScheme')).value).toBe(DATASET_STATUS);
    expect(g.objects(status, iri('skos', 'prefLabel')).map((l) => (l.termType === 'Literal' ? `${l.value}@${l.language}` : '')).sort()).toEqual(['In ontwikkeling@nl', 'Under development@en']);
    // data.overheid.nl's own exports write donl:status; the DONL value is written there and said to be nothing else.
    expect(g.object(dataset, DONL_STATUS).value).toBe(DONL_AVAILABLE);
    expect(quads.filter((q) => q.subject.value === DONL_AVAILABLE)).toEqual([]);
    expect(g.subjects(iri('adms', 'status'), DONL_AVAILABLE)).toEqual([]);
  });

  it('types a status from outside the EU table as nothing, so SHACL does not take it for a concept, and maps no DONL status to it', () => {
    const donl = catalogWithStatus(DONL_AVAILABLE);
    const ds = donl.ofType(DCAT('Dataset'))[0]!;
    expect(donl.object(ds, iri('adms', 'status')).value).toBe(DONL_AVAILABLE);
    expect(donl.objects(DONL_AVAILABLE, iri('rdf', 'type'))).toEqual([]);
    expect(donl.objects(ds, DONL_STATUS)).toEqual([]);
    const completed = catalogWithStatus(`${DATASET_STATUS}/COMPLETED`);
    expect(completed.objects(`${DATASET_STATUS}/COMPLETED`, iri('rdf', 'type')).map((t) => t.value)).toEqual([iri('skos', 'Concept')]);
    expect(completed.object(completed.ofType(DCAT('Dataset'))[0]!, DONL_STATUS).value).toBe(DONL_AVAILABLE);
  });

  it('names the publisher by its TOOI URI, with its OWMS URI as owl:sameAs', () => {
    const bzk = config.organisations.find((o) => o.id === config.catalog.publisher)!;
    expect(bzk.tooi).toBe('https://identifier.overheid.nl/tooi/id/ministerie/mnre1034');
    expect(bzk.owms).toBe('http://standaarden.overheid.nl/owms/terms/Ministerie_van_Binnenlandse_Zaken_en_Koninkrijksrelaties');
    const described = [...catalogs, ...g.ofType(DCAT('DatasetSeries')), ...g.ofType(DCAT('DataService')), dataset];
    for (const subject of described) expect(g.object(subject, DCT('publisher')).value, subject).toBe(bzk.tooi);
    for (const subject of [...catalogs, ...g.ofType(DCAT('DataService')), dataset]) expect(g.object(subject, DCT('creator')).value, subject).toBe(bzk.tooi);
    expect(g.objects(bzk.tooi!, iri('owl', 'sameAs')).map((o) => o.value)).toEqual([bzk.owms]);
    expect(g.objects(bzk.tooi!, iri('rdf', 'type')).map((o) => o.value)).toContain(iri('foaf', 'Agent'));
    expect(quads.filter((q) => q.subject.value === bzk.owms)).toEqual([]);
  });

  it('gives the same triples in catalog.jsonld as in catalog.ttl', async () => {
    const fromJsonLd = await jsonLdQuads(textOf(release, 'catalog.jsonld'));
    expect(tripleSet(fromJsonLd)).toEqual(tripleSet(quads));
  });
});
