// Harvest-grade DCAT: SHACL conformance, value lists, identity, MQA score and push-API payloads.
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory, Parser, type Quad } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { describe, expect, it } from 'vitest';
import { createChecker } from '../../pipeline/check/index.js';
import type { Withdrawal } from '../../pipeline/config.js';
import { compareIdentities, identities } from '../../pipeline/check/identity.js';
import { builtIdentities, identityQuads, openPreviousRelease, openRelease } from '../../pipeline/release.js';
import { scoreCatalog } from '../../pipeline/check/mqa.js';
import { buildPushPayloads, createPushApiValidator } from '../../pipeline/check/push-api.js';
import { createShaclChecker } from '../../pipeline/check/shacl.js';
import { checkUrls } from '../../pipeline/check/urls.js';
import { checkValues } from '../../pipeline/check/values.js';
import { DATASET_STATUS, DONL_STATUS } from '../../pipeline/emit/dcat.js';
import { DATA, FIXTURES, ROOT, SCHEMAS, SHARED, cli, project } from '../helpers.js';
import { SLUG, buildRelease, jsonLdQuads, parseTurtle, textOf, tripleSet } from '../emit/release.js';

const release = await buildRelease();
const catalog = parseTurtle(textOf(release, 'catalog.ttl'));
const { config } = project();
const DIST = join(ROOT, 'dist');
const BASE = config.catalog.baseUrl;
const DCT = 'http://purl.org/dc/terms/';
/** The identity check of two releases' quads, as the checker runs it on their identities. */
const checkIdentity = (previous: Quad[], next: Quad[], base: string, withdrawn: Withdrawal[]) => compareIdentities(identities(previous, base), identities(next, base), withdrawn);
const ADMS_STATUS = 'http://www.w3.org/ns/adms#status';
const OWL_SAME_AS = 'http://www.w3.org/2002/07/owl#sameAs';
const DONL_AVAILABLE = 'http://data.overheid.nl/status/beschikbaar';
const DATASET = `${BASE}/id/dataset/${SLUG}`;
const BZK = config.organisations.find((o) => o.id === config.catalog.publisher)!;

/** The catalog with its datasets' adms:status set to `value`; `typed`: the catalog also types and labels it a skos:Concept (as it did before its status came from the EU table). */
function withStatus(value: string, typed: boolean) {
  const node = DataFactory.namedNode(value);
  const kept = catalog
    .filter((q) => !q.subject.value.startsWith(`${DATASET_STATUS}/`))
    .map((q) => (q.predicate.value === ADMS_STATUS ? DataFactory.quad(q.subject, q.predicate, node) : q));
  if (!typed) return kept;
  const { quad, namedNode, literal } = DataFactory;
  const skos = (local: string) => namedNode(`http://www.w3.org/2004/02/skos/core#${local}`);
  const label = (text: string, lang: string) => quad(node, skos('prefLabel'), literal(text, lang));
  return [...kept, quad(node, namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), skos('Concept')), label('Beschikbaar', 'nl'), label('Available', 'en')];
}
/** Files of the dataset: each is one distribution. */
const DISTRIBUTIONS = release.files.filter((f) => f.path.startsWith(`${SLUG}/`) && !/\.(html|svg)$/.test(f.path)).length;
/** The RDF distributions name the SPARQL endpoint as their access service; the others draw a recommended-shape warning. */
const WARNINGS = DISTRIBUTIONS - 3;

describe('SHACL: DCAT-AP 3.0.0 and 3.0.1, each with DCAT-AP-NL 3.0', () => {
  it('uses the official shapes, unchanged', async () => {
    const pairs = [
      ['dcat-ap-3.0.0-SHACL.ttl', 'dcat-ap-3.0.0/dcat-ap-SHACL.ttl'],
      ['dcat-ap-3.0.1-SHACL.ttl', 'dcat-ap-3.0.1/dcat-ap-SHACL.ttl'],
      ...['dcat-ap-nl-SHACL.ttl', 'dcat-ap-nl-SHACL-klassebereik.ttl', 'dcat-ap-nl-SHACL-klassebereik-codelijsten.ttl', 'dcat-ap-nl-SHACL-aanbevolen.ttl'].map((f) => [f, `dcat-ap-nl-3.0/${f}`]),
    ];
    for (const [ours, official] of pairs) {
      const reference = join(SHARED, 'reference', 'shacl', official!);
      // The reference copies sit beside the project (../shared) in development and CI: without them this test cannot pass.
      expect(existsSync(reference), `${reference} is missing`).toBe(true);
      expect(readFileSync(join(SCHEMAS, 'shacl', ours!)).equals(readFileSync(reference)), ours).toBe(true);
    }
  });

  it('the committed catalog has 0 violations and only the accepted recommended-shape warnings', async () => {
    const report = await createShaclChecker(join(SCHEMAS, 'shacl')).validate(parseTurtle(readFileSync(join(DIST, 'catalog.ttl'), 'utf8')));
    expect(report.results.filter((r) => r.severity === 'Violation')).toEqual([]);
    const warnings = report.results.map((r) => `${r.shapesFile} ${r.path}`);
    expect(new Set(warnings)).toEqual(new Set(['dcat-ap-nl-SHACL-aanbevolen.ttl http://www.w3.org/ns/dcat#accessService']));
    expect(warnings).toHaveLength(WARNINGS);
    expect(report.profiles.map((p) => [p.profile, p.violations, p.warnings])).toEqual([
      ['DCAT-AP 3.0.0 + DCAT-AP-NL 3.0', 0, WARNINGS],
      ['DCAT-AP 3.0.1 + DCAT-AP-NL 3.0', 0, WARNINGS],
    ]);
    const check = release.check!;
    expect(check.shacl).toMatchObject({ violations: 0, warnings: WARNINGS, acceptedWarnings: WARNINGS });
    for (const r of check.shacl.results) expect(r.profiles).toEqual(['DCAT-AP 3.0.0 + DCAT-AP-NL 3.0', 'DCAT-AP 3.0.1 + DCAT-AP-NL 3.0']);
    for (const r of check.shacl.results) expect(r.accepted).toMatch(/.{40,}/);
  });

  it('validates each profile on its own: the 3.0.0 shapes want URLs typed rdfs:Resource, 3.0.1 does not', async () => {
    const RESOURCE = 'http://www.w3.org/2000/01/rdf-schema#Resource';
    const untyped = catalog.filter((q) => q.object.value !== RESOURCE);
    const report = await createShaclChecker(join(SCHEMAS, 'shacl')).validate(untyped);
    // 19 distributions × (accessURL, downloadURL) + the service's endpointURL and endpointDescription
    expect(report.profiles.map((p) => [p.profile, p.violations])).toEqual([
      ['DCAT-AP 3.0.0 + DCAT-AP-NL 3.0', 2 * DISTRIBUTIONS + 2],
      ['DCAT-AP 3.0.1 + DCAT-AP-NL 3.0', 0],
    ]);
    const paths = new Set(report.results.filter((r) => r.severity === 'Violation').map((r) => `${r.path} ${r.constraint} ${r.profiles.join()}`));
    expect(paths).toEqual(new Set(['accessURL', 'downloadURL', 'endpointURL', 'endpointDescription'].map((p) => `http://www.w3.org/ns/dcat#${p} ClassConstraintComponent DCAT-AP 3.0.0 + DCAT-AP-NL 3.0`)));
    const checker = createChecker(config, SCHEMAS);
    const refused = await checker.check({ ...release.release!, catalog: untyped }, await openPreviousRelease(DIST), { urlCheck: 'none' });
    expect(refused.reasons).toContain(`${2 * DISTRIBUTIONS + 2} SHACL violation(s) against DCAT-AP 3.0.0 + DCAT-AP-NL 3.0`);
  });

  it('reports a missing licence as a violation on that distribution, with how to fix it', async () => {
    const dist = `${BASE}/id/dataset/${SLUG}/distributie/actions.csv`;
    const broken = catalog.filter((q) => !(q.subject.value === dist && q.predicate.value === `${DCT}license`));
    const checker = createChecker(config, SCHEMAS);
    const report = await checker.check({ ...release.release!, catalog: broken }, await openPreviousRelease(DIST), { urlCheck: 'none' });
    expect(report.accepted).toBe(false);
    const licence = report.shacl.results.filter((r) => r.severity === 'Violation');
    expect(licence.length).toBeGreaterThan(0);
    expect(licence[0]).toMatchObject({ target: 'distribution actions.csv', property: 'license', fix: expect.stringContaining('data/catalog.json') });
    expect(report.reasons[0]).toMatch(/SHACL violation/);
  });
});

describe('SHACL sees a dataset status from outside the EU dataset-status table', () => {
  it('as a class violation on adms:status in both profiles, now that the catalog types only values of that table', async () => {
    const report = await createShaclChecker(join(SCHEMAS, 'shacl')).validate(withStatus(DONL_AVAILABLE, false));
    const violations = report.results.filter((r) => r.severity === 'Violation');
    expect(violations.map((r) => [r.focusNode, r.path, r.value, r.constraint, r.shapesFile, r.profiles.length])).toEqual([
      [DATASET, ADMS_STATUS, DONL_AVAILABLE, 'ClassConstraintComponent', 'dcat-ap-nl-SHACL-klassebereik-codelijsten.ttl', 2],
    ]);
  });

  it('and by its concept scheme, as SEMIC checks a distribution status: typing a value skos:Concept no longer hides it', async () => {
    const scheme = createShaclChecker(join(FIXTURES, 'shacl-dataset-status'));
    expect((await scheme.validate(parseTurtle(readFileSync(join(DIST, 'catalog.ttl'), 'utf8')))).conforms).toBe(true);
    const before = await scheme.validate(withStatus(DONL_AVAILABLE, true));
    expect(before.results.map((r) => [r.severity, r.focusNode, r.path])).toEqual([['Violation', DATASET, ADMS_STATUS]]);
    // The DCAT-AP-NL shapes alone do not see it: they only ask for a skos:Concept.
    expect((await createShaclChecker(join(SCHEMAS, 'shacl')).validate(withStatus(DONL_AVAILABLE, true))).results.filter((r) => r.severity === 'Violation')).toEqual([]);
  });
});

/** The catalog with every dct:license replaced by `uri`. */
function withLicence(uri: string) {
  return catalog.map((q) => (q.predicate.value === `${DCT}license` ? DataFactory.quad(q.subject, q.predicate, DataFactory.namedNode(uri)) : q));
}

describe('catalog serialisations', () => {
  it('catalog.ttl, catalog.jsonld and catalog.rdf (RDF/XML) hold the same graph', async () => {
    const turtle = tripleSet(catalog);
    expect(tripleSet(await jsonLdQuads(textOf(release, 'catalog.jsonld')))).toEqual(turtle);
    const xmlQuads = await new Promise<ReturnType<typeof parseTurtle>>((resolve, reject) => {
      const out: ReturnType<typeof parseTurtle> = [];
      const parser = new RdfXmlParser();
      parser.on('data', (q) => out.push(q)).on('error', reject).on('end', () => resolve(out));
      parser.end(textOf(release, 'catalog.rdf'));
    });
    expect(tripleSet(xmlQuads)).toEqual(turtle);
    expect(turtle.length).toBeGreaterThan(300);
  });

  it('groups the dataset in a dcat:DatasetSeries', async () => {
    const series = `${BASE}/id/datasetreeks/actieplannen-open-overheid`;
    expect(catalog.some((q) => q.subject.value === `${BASE}/id/dataset/${SLUG}` && q.predicate.value === 'http://www.w3.org/ns/dcat#inSeries' && q.object.value === series)).toBe(true);
    expect(catalog.filter((q) => q.subject.value === series && q.predicate.value === `${DCT}title`)).toHaveLength(2);
  });
});

describe('values from the lists the portal accepts', () => {
  it('the catalog uses accepted values only, with both an OWMS and an EU theme', async () => {
    expect(checkValues(catalog, config.accepted)).toEqual([]);
    expect(release.check!.values).toEqual([]);
  });

  it('names a dataset status outside the EU dataset-status table, and a DONL status that does not follow from it', () => {
    expect(config.accepted.status.values).toEqual([`${DATASET_STATUS}/COMPLETED`, `${DATASET_STATUS}/DEVELOP`]);
    const problems = checkValues(withStatus(DONL_AVAILABLE, true), config.accepted);
    expect(problems.map((p) => [p.property, p.found, p.list])).toEqual([
      [ADMS_STATUS, DONL_AVAILABLE, 'status'],
      [DONL_STATUS, DONL_AVAILABLE, 'status'],
    ]);
    expect(problems[0]!.expected).toContain('EU Vocabularies Dataset Status');
    expect(checkValues(withStatus(`${DATASET_STATUS}/COMPLETED`, true), config.accepted)).toEqual([]);
  });

  it('wants the publisher as a TOOI URI that is also known by its OWMS URI', () => {
    expect(config.accepted.publisher.source).toContain('TOOI');
    const owms = DataFactory.namedNode(BZK.owms!);
    const byOwms = catalog.map((q) => (q.object.value === BZK.tooi && [`${DCT}publisher`, `${DCT}creator`].includes(q.predicate.value) ? DataFactory.quad(q.subject, q.predicate, owms) : q));
    expect(checkValues(byOwms, config.accepted).map((p) => [p.subject, p.property, p.found])).toEqual([
      [DATASET, `${DCT}publisher`, BZK.owms],
      [DATASET, `${DCT}creator`, BZK.owms],
      [BZK.owms, OWL_SAME_AS, 'none'],
    ]);
    const alone = catalog.filter((q) => q.predicate.value !== OWL_SAME_AS);
    expect(checkValues(alone, config.accepted)).toEqual([expect.objectContaining({ subject: BZK.tooi, property: OWL_SAME_AS, found: 'none', list: 'publisher' })]);
  });

  it('names a value outside its list', async () => {
    const problems = checkValues(withLicence('https://example.org/my-licence'), config.accepted);
    expect(problems).toHaveLength(DISTRIBUTIONS);
    expect(problems[0]).toMatchObject({ property: `${DCT}license`, found: 'https://example.org/my-licence', list: 'license' });
  });
});

describe('MQA score', () => {
  const accepted = () => true;
  it('scores 405 (Excellent) when every URL answers HEAD with 2xx', async () => {
    expect(release.check!.mqa.map((s) => [s.total, s.rating])).toEqual([[405, 'Excellent']]);
    expect(release.check!.urls).toMatchObject({ mode: 'local', checked: DISTRIBUTIONS, failing: [] });
  });

  it('scores 325 without URL checks, and names the 80 points they would add', async () => {
    const [score] = scoreCatalog(catalog, config.accepted, accepted, () => null);
    expect(score!.total).toBe(325);
    expect(score!.dimensions).toEqual({ findability: 100, accessibility: 20, interoperability: 110, reusability: 75, contextuality: 20 });
    expect(score!.indicators.filter((i) => i.earned < i.points).map((i) => [i.id, i.points - i.earned])).toEqual([
      ['accessUrlStatusCode', 50],
      ['downloadUrlStatusCode', 30],
    ]);
  });

  it('loses the points of what is missing: keywords, a known licence, SHACL compliance', async () => {
    const fewer = catalog.filter((q) => q.predicate.value !== 'http://www.w3.org/ns/dcat#keyword');
    const [score] = scoreCatalog(fewer, config.accepted, () => false, (u) => (u.endsWith('.csv') ? 404 : 200));
    expect(score!.total).toBe(405 - 30 - 30);
    expect(scoreCatalog(withLicence('https://example.org/my-licence'), config.accepted, accepted, () => 200)[0]!.total).toBe(395);
  });
});

describe('URL check on loopback', () => {
  it('answers each URL under the base URL from the release files: 200 for a file (an escaped name too), 404 for one not there, 0 for no answer; other URLs unchecked', async () => {
    const bytes = Buffer.from('a,b\n');
    const file = { size: bytes.length, read: () => bytes };
    const files = new Map([
      ['data/a.csv', file],
      ['data/met spatie.csv', file],
    ]);
    const urls = ['https://ex.org/data/a.csv', 'https://ex.org/data/met%20spatie.csv', 'https://ex.org/data/ontbreekt.csv', 'https://ex.org/data/%E0%A4%A.csv', 'https://elders.example/a.csv', 'https://ex.org/data/a.csv'];
    const result = await checkUrls(urls, 'local', 'https://ex.org/', files);
    expect(Object.fromEntries(result.statuses)).toEqual({
      'https://ex.org/data/a.csv': 200,
      'https://ex.org/data/met%20spatie.csv': 200,
      'https://ex.org/data/ontbreekt.csv': 404,
      'https://ex.org/data/%E0%A4%A.csv': 400,
    });
  });
});

describe('push-API payloads', () => {
  const validator = createPushApiValidator(join(SCHEMAS, 'aanlever-api', 'openapi.json'));

  it('builds one valid payload per dataset', async () => {
    const [payload] = release.check!.pushApi.payloads;
    expect(release.check!.pushApi.version).toBe('0.9.0');
    expect(payload).toMatchObject({ valid: true, errors: [] });
    expect(payload!.payload).toMatchObject({ dctIdentifier: `${BASE}/id/dataset/${SLUG}`, dcatTheme: ['http://publications.europa.eu/resource/authority/data-theme/GOVE'], dctAccessRights: 'http://publications.europa.eu/resource/authority/access-right/PUBLIC', admsStatus: `${DATASET_STATUS}/DEVELOP` });
    expect((payload!.payload.dcatDistribution as unknown[]).length).toBe(DISTRIBUTIONS);
    for (const d of payload!.payload.dcatDistribution as { dctDescription: string[] }[]) expect(d.dctDescription).toEqual([expect.stringMatching(/.{30,}/)]);
  });

  it('rejects a payload the API would refuse, naming the field', async () => {
    expect(validator.validate({ dctTitle: ['x'] }).errors.map((e) => e.message)).toEqual(expect.arrayContaining(["must have required property 'dctIdentifier'"]));
    const [built] = buildPushPayloads(catalog, validator);
    const bad = { ...built!.payload, dctAccessRights: 'http://publications.europa.eu/resource/authority/access-right/SECRET' };
    expect(validator.validate(bad)).toMatchObject({ valid: false, errors: [expect.objectContaining({ pointer: '/dctAccessRights' })] });
  });

  it("uses the build's validator for the bundled document, and compiles a changed document with its own rules", () => {
    expect(validator.precompiled).toBe(true);
    const openapi = JSON.parse(readFileSync(join(SCHEMAS, 'aanlever-api', 'openapi.json'), 'utf8')) as { components: { schemas: { DcatDataset: { required: string[] } } } };
    const dataset = openapi.components.schemas.DcatDataset;
    dataset.required = dataset.required.filter((name) => name !== 'dctIdentifier');
    const changed = join(mkdtempSync(join(tmpdir(), 'ontsluit-openapi-')), 'openapi.json');
    writeFileSync(changed, JSON.stringify(openapi));
    const own = createPushApiValidator(changed);
    expect(own.precompiled).toBe(false);
    const messages = (v: typeof validator) => v.validate({ dctTitle: ['x'] }).errors.map((e) => e.message);
    expect(messages(validator)).toContain("must have required property 'dctIdentifier'");
    expect(messages(own)).not.toContain("must have required property 'dctIdentifier'");
    expect(messages(own)).toContain("must have required property 'dctPublisher'");
  });
});

describe('stable identity', () => {
  /** The new release's identity quads as its files hold them: the catalog and each dataset's N-Triples. */
  const newQuads = () => [...release.release!.catalog, ...new Parser({ format: 'N-Triples' }).parse(textOf(release, `${SLUG}/dataset.nt`))];

  it('every IRI of the committed release is in the new one', async () => {
    const previous = identityQuads(await openRelease(DIST));
    expect(previous.length).toBeGreaterThan(900);
    expect(checkIdentity(previous, newQuads(), BASE, [])).toEqual([]);
  });

  it('gathers the identities of a release it builds a subject at a time, as its files give them', () => {
    const gathered = builtIdentities(release.release!);
    expect(gathered.size).toBeGreaterThan(90);
    expect(gathered).toEqual(identities(newQuads(), BASE));
  });

  it('an IRI that disappears stops the release unless a withdrawal record names it', async () => {
    const previous = identityQuads(await openRelease(DIST));
    const action13 = `${BASE}/id/actieplan/2020-2022/actiepunt/13`;
    const next = newQuads().filter((q) => q.subject.value !== action13);
    expect(checkIdentity(previous, next, BASE, [])).toEqual([expect.objectContaining({ kind: 'disappeared', iri: action13 })]);
    expect(checkIdentity(previous, next, BASE, [{ iri: action13, date: '2026-11-29', reason: 'test' }])).toEqual([]);
  });

  it('finds a changed identifier and two things sharing one IRI', async () => {
    const quads = newQuads();
    const ds = `${BASE}/id/dataset/${SLUG}`;
    const changed = new Parser().parse(`<${ds}> <${DCT}identifier> "dataset/other" .`);
    const next = [...quads.filter((q) => !(q.subject.value === ds && q.predicate.value === `${DCT}identifier`)), ...changed];
    expect(checkIdentity(quads, next, BASE, []).map((p) => p.kind)).toEqual(['identifier-changed']);
    const twice = new Parser().parse(`<${ds}> <${DCT}identifier> "dataset/second" .`);
    expect(checkIdentity(quads, [...quads, ...twice], BASE, []).map((p) => p.kind)).toEqual(['identifier-changed', 'collision']);
  });

  it('reads the identifier as a URI or as the path after /id/: the earlier "dataset/<slug>" is the same identifier', async () => {
    const quads = newQuads();
    const ds = `${BASE}/id/dataset/${SLUG}`;
    expect(quads.filter((q) => q.subject.value === ds && q.predicate.value === `${DCT}identifier`).map((q) => q.object.value)).toEqual([ds]);
    const earlier = [...quads.filter((q) => !(q.subject.value === ds && q.predicate.value === `${DCT}identifier`)), ...new Parser().parse(`<${ds}> <${DCT}identifier> "dataset/${SLUG}" .`)];
    expect(checkIdentity(earlier, quads, BASE, [])).toEqual([]);
    const moved = new Parser().parse(`<${ds}> <${DCT}identifier> "${BASE}/id/dataset/other" .`);
    expect(checkIdentity(earlier, [...quads.filter((q) => !(q.subject.value === ds && q.predicate.value === `${DCT}identifier`)), ...moved], BASE, []).map((p) => p.kind)).toEqual(['identifier-changed']);
  });
});

describe('ontsluit check', () => {
  it('prints the SHACL counts, the MQA score per dimension and the payload status; exit 0', async () => {
    const run = await cli(['check']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`0 violation(s), ${WARNINGS} warning(s), ${WARNINGS} of them accepted`);
    expect(run.stdout).toContain('405/405 (Excellent): findability 100/100, accessibility 100/100, interoperability 110/110, reusability 75/75, contextuality 20/20');
    expect(run.stdout).toMatch(/Push API 0\.9\.0 payload for .*: valid/);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('accepted: data.overheid.nl would accept this release');
  });

  it('without URL checks prints 325 and what the checks would add', async () => {
    const run = await cli(['check', '--url-check', 'none']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('325/405 (Good)');
    expect(run.stdout).toContain('+50 for dcat:accessURL answering HEAD with 2xx');
  });

  it('a release the portal would refuse is not published, and the check says why', async () => {
    const data = mkdtempSync(join(tmpdir(), 'ontsluit-check-'));
    cpSync(DATA, data, { recursive: true });
    const file = join(data, 'catalog.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"http://publications.europa.eu/resource/authority/frequency/IRREG"', '"http://publications.europa.eu/resource/authority/frequency/EVERY_8_WEEKS"'));
    const out = join(mkdtempSync(join(tmpdir(), 'ontsluit-check-out-')), 'dist');
    cpSync(DIST, out, { recursive: true });
    const before = readFileSync(join(out, 'catalog.ttl'));
    const run = await cli(['run', '--data', data, '--out', out, '--previous', DIST, '--state-dir', join(data, 'state')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`error: ${join(out, 'catalog.ttl')}: the release would be refused: 1 value(s) outside the accepted lists`);
    expect(run.stderr).toContain('accrualPeriodicity is http://publications.europa.eu/resource/authority/frequency/EVERY_8_WEEKS; expected one of the');
    expect(readFileSync(join(out, 'catalog.ttl')).equals(before)).toBe(true);
    const check = await cli(['check', '--data', data]);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain('accrualPeriodicity is http://publications.europa.eu/resource/authority/frequency/EVERY_8_WEEKS');
  });
});
