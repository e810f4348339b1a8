// A second SHACL engine, Apache Jena SHACL (Debian's libapache-jena-java), on the committed catalog: the same results as rdf-validate-shacl.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import { DataFactory, Parser, Store, Writer, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { DATASET_STATUS } from '../../pipeline/emit/dcat.js';
import { createShaclChecker } from '../../pipeline/check/shacl.js';
import { ROOT, SCHEMAS } from '../helpers.js';

const JAVA_DIR = '/usr/share/java';
/** The jars `shacl validate` loads: Jena and the libraries Debian builds it against. */
const JARS = [
  'jena-arq', 'jena-base', 'jena-cmds', 'jena-core', 'jena-iri', 'jena-shacl',
  'commons-cli', 'commons-codec', 'commons-compress', 'commons-csv', 'commons-io', 'commons-lang3', 'commons-logging',
  'dexx.collection', 'gson', 'guava', 'httpclient', 'httpcore', 'jackson-annotations', 'jackson-core', 'jackson-databind',
  'jakarta.json-api', 'jsonld-java', 'protobuf', 'slf4j-api', 'thrift', 'titanium-json-ld',
].map((name) => join(JAVA_DIR, `${name}.jar`));
const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
const available = java.status === 0 && JARS.every((jar) => existsSync(jar));

const SH = 'http://www.w3.org/ns/shacl#';
const ADMS_STATUS = 'http://www.w3.org/ns/adms#status';
const RDFS_RESOURCE = 'http://www.w3.org/2000/01/rdf-schema#Resource';
const SHAPES = join(SCHEMAS, 'shacl');
const NL = ['dcat-ap-nl-SHACL.ttl', 'dcat-ap-nl-SHACL-klassebereik.ttl', 'dcat-ap-nl-SHACL-klassebereik-codelijsten.ttl', 'dcat-ap-nl-SHACL-aanbevolen.ttl'];
const PROFILES = [
  { name: 'DCAT-AP 3.0.0 + DCAT-AP-NL 3.0', files: ['dcat-ap-3.0.0-SHACL.ttl', ...NL] },
  { name: 'DCAT-AP 3.0.1 + DCAT-AP-NL 3.0', files: ['dcat-ap-3.0.1-SHACL.ttl', ...NL] },
];

const parse = (text: string, format = 'text/turtle') => new Parser({ format }).parse(text);
const ntriples = (quads: Quad[]) => new Writer({ format: 'N-Triples' }).quadsToString(quads);

/**
 * Debian's jena-core holds Xerces under the package `xerces` but its message files under
 * `org/apache/jena/ext/xerces`, so Jena stops at start-up ("internal error"); a class-path folder
 * with the same files at `xerces/` lets it start. Returns that folder.
 */
async function xercesMessages(dir: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(join(JAVA_DIR, 'jena-core.jar')));
  const prefix = 'org/apache/jena/ext/xerces/';
  for (const [name, entry] of Object.entries(zip.files)) {
    if (!name.startsWith(prefix) || !name.endsWith('.properties')) continue;
    const target = join(dir, 'xerces', name.slice(prefix.length));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, await entry.async('nodebuffer'));
  }
  return dir;
}

/**
 * One profile's shapes as one graph. Jena refuses a shapes graph in which `sh:property` names a node
 * that is no property shape (rdf-validate-shacl passes over it); the SEMIC 3.0.1 file has two such links
 * left on its DataService shape, which are dropped here and counted.
 */
function shapesGraph(files: string[]): { quads: Quad[]; dropped: Quad[] } {
  const all = files.flatMap((f) => parse(readFileSync(join(SHAPES, f), 'utf8')));
  const withPath = new Set(all.filter((q) => q.predicate.value === `${SH}path`).map((q) => q.subject.value));
  const dangling = (q: Quad) => q.predicate.value === `${SH}property` && !withPath.has(q.object.value);
  return { quads: all.filter((q) => !dangling(q)), dropped: all.filter(dangling) };
}

interface Outcome {
  conforms: boolean;
  /** `severity focus path constraint`, sorted. */
  results: string[];
}

function outcomeOf(report: Quad[]): Outcome {
  const store = new Store(report);
  const one = (s: Quad['subject'], p: string) => store.getObjects(s, p, null)[0]?.value ?? '';
  const results = store.getSubjects(`${SH}resultSeverity`, null, null).map((r) =>
    [one(r, `${SH}resultSeverity`), one(r, `${SH}focusNode`), one(r, `${SH}resultPath`), one(r, `${SH}sourceConstraintComponent`)].map((v) => v.replace(SH, '')).join(' '),
  );
  return { conforms: store.getObjects(null, `${SH}conforms`, null)[0]?.value === 'true', results: results.sort() };
}

describe.skipIf(!available)('Apache Jena SHACL, a second engine (Debian libapache-jena-java)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ontsluit-jena-'));
  const classPath = available ? [await xercesMessages(join(dir, 'classes')), ...JARS].join(':') : '';
  const shapes = PROFILES.map((p) => {
    const { quads, dropped } = shapesGraph(p.files);
    const file = join(dir, `${p.files[0]!.replace(/\.ttl$/, '')}.nt`);
    writeFileSync(file, ntriples(quads));
    return { ...p, file, dropped };
  });
  const ours = createShaclChecker(SHAPES);

  /** Validates `data` with Jena against every profile, and with rdf-validate-shacl for comparison. */
  async function both(name: string, data: Quad[]) {
    const file = join(dir, `${name}.nt`);
    writeFileSync(file, ntriples(data));
    const reference = await ours.validate(data);
    return shapes.map((p) => {
      const run = spawnSync('java', ['-cp', classPath, 'shacl.shacl', 'validate', '--shapes', p.file, '--data', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      expect(run.status, run.stderr).toBe(0);
      const jena = outcomeOf(parse(run.stdout));
      const expected = reference.results
        .filter((r) => r.profiles.includes(p.name))
        .map((r) => [r.severity, r.focusNode, r.path ?? '', r.constraint].join(' '))
        .sort();
      return { profile: p.name, jena, expected };
    });
  }

  it('reads every shape of both profiles, but for the two dangling links of the 3.0.1 file', () => {
    expect(shapes.map((p) => p.dropped.length)).toEqual([0, 2]);
    for (const q of shapes[1]!.dropped) expect(q.subject.value).toBe('https://semiceu.github.io/DCAT-AP/releases/3.0.1#dcat:DataServiceShape');
  });

  it('finds 0 violations in dist/catalog.ttl against 3.0.0 and 3.0.1, and the same warnings as rdf-validate-shacl', async () => {
    const catalog = parse(readFileSync(join(ROOT, 'dist', 'catalog.ttl'), 'utf8'));
    for (const { profile, jena, expected } of await both('catalog', catalog)) {
      expect(jena.results.filter((r) => r.startsWith('Violation')), profile).toEqual([]);
      expect(jena.results.length, profile).toBeGreaterThan(0);
      expect(jena.results, profile).toEqual(expected);
    }
  });

  it('agrees with rdf-validate-shacl where the catalog breaks: untyped URLs (3.0.0 only) and a status outside the EU table', async () => {
    const catalog = parse(readFileSync(join(ROOT, 'dist', 'catalog.ttl'), 'utf8'));
    const donl = DataFactory.namedNode('http://data.overheid.nl/status/beschikbaar');
    // As the catalog would be with a DONL status: the emitter types only values of the EU table.
    const broken = catalog
      .filter((q) => q.object.value !== RDFS_RESOURCE && !q.subject.value.startsWith(`${DATASET_STATUS}/`))
      .map((q) => (q.predicate.value === ADMS_STATUS ? DataFactory.quad(q.subject, q.predicate, donl) : q));
    const outcomes = await both('broken', broken);
    const violations = outcomes.map(({ jena }) => jena.results.filter((r) => r.startsWith('Violation')));
    const paths = violations.map((v) => [...new Set(v.map((r) => r.split(' ')[2]!.replace(/^.*[#/]/, '')))].sort());
    expect(paths).toEqual([['accessURL', 'downloadURL', 'endpointDescription', 'endpointURL', 'status'], ['status']]);
    for (const { profile, jena, expected } of outcomes) expect(jena.results, profile).toEqual(expected);
  });
});
