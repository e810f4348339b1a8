// The lean serialisers write the same bytes as the libraries did: JSON-LD as jsonld.js compacts it, N-Triples, dataset.json and CSV.
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import jsonld from 'jsonld';
import { DataFactory, Writer, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { ByteSink, jsonBytes } from '../../pipeline/emit/chunks.js';
import { csvBytes } from '../../pipeline/emit/csv.js';
import { datasetRdf } from '../../pipeline/emit/files.js';
import { Iris } from '../../pipeline/iris.js';
import { CATALOG_PREFIXES } from '../../pipeline/emit/dcat.js';
import { Unsupported, writeJsonLd } from '../../pipeline/emit/jsonld-write.js';
import { dataPrefixes, jsonLdByLibrary, jsonLdBytes, jsonLdInto, nTriplesBytes, prefixContext, toJsonLd } from '../../pipeline/emit/serialize.js';
import type { Table } from '../../pipeline/emit/tables.js';
import type { Dataset } from '../../pipeline/model.js';
import { BASE, SLUG, buildRelease, datasetOf, noNetwork, parseNQuads, parseNTriples, textOf, tripleSet } from './release.js';

const { namedNode, blankNode, literal, quad, defaultGraph } = DataFactory;
const release = await buildRelease();
const rdf = datasetRdf(datasetOf(release), new Iris(BASE));
const datasetQuads = rdf.quads();
const catalogQuads = release.release!.catalog;

/** A context with namespaces that are prefixes of one another, a term that is a whole IRI, and one that is no prefix. */
const CONTEXT = {
  ex: 'http://example.org/',
  exa: 'http://example.org/a/',
  e: 'http://example.org/a/b#',
  knows: 'http://example.org/knows',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  ont: 'http://example.org/ontology',
};

const iriArb = fc.constantFrom(
  'http://example.org/',
  'http://example.org/x',
  'http://example.org/a/',
  'http://example.org/a/y',
  'http://example.org/a/b#',
  'http://example.org/a/b#z',
  'http://example.org/knows',
  'http://example.org/ontology',
  'http://example.org/ontologyX',
  'http://other.example/1',
  'https://example.org/Ü/ä?q=1#f',
  'urn:isbn:0451450523',
  'mailto:someone@example.org',
);
const subjectArb = fc.oneof(iriArb.map((i) => namedNode(i)), fc.constantFrom('b0', 'b1').map((b) => blankNode(b)));
const predicateArb = fc.constantFrom('http://example.org/p', 'http://example.org/a/q', 'http://example.org/knows', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', 'http://example.org/a/b#r', 'http://other.example/s');
const textArb = fc.string({ unit: 'binary', maxLength: 12 });
const literalArb = fc.oneof(
  textArb.map((t) => literal(t)),
  fc.tuple(textArb, fc.constantFrom('nl', 'en', 'EN-gb')).map(([t, l]) => literal(t, l)),
  fc.tuple(textArb, fc.constantFrom('http://www.w3.org/2001/XMLSchema#string', 'http://www.w3.org/2001/XMLSchema#integer', 'http://www.w3.org/2001/XMLSchema#date', 'http://example.org/a/b#type', 'http://example.org/knows')).map(([t, d]) => literal(t, namedNode(d))),
);
const quadArb = fc.tuple(subjectArb, predicateArb, fc.oneof(subjectArb, literalArb)).map(([s, p, o]) => quad(s, namedNode(p), o, defaultGraph()) as Quad);
const quadsArb = fc.array(quadArb, { maxLength: 25 }).map((qs): Quad[] => [...qs, ...qs.slice(0, 2)]);
/** For N-Triples also subjects no IRI should have (a `>` or a space inside), which n3 writes as they are. */
const oddSubjectArb = fc.constantFrom('http://example.org/a', 'http://example.org/a>b', 'http://example.org/a> <b', 'http://example.org/a b').map((i) => namedNode(i));
const nTriplesArb = fc.array(fc.oneof(quadArb, fc.tuple(oddSubjectArb, predicateArb, literalArb).map(([s, p, o]) => quad(s, namedNode(p), o) as Quad)), { minLength: 1, maxLength: 25 }).map((qs): Quad[] => [...qs, ...qs.slice(0, 2)]);

describe('JSON-LD written directly', () => {
  it('gives the bytes jsonld.js gives for the release’s dataset and catalog', async () => {
    const prefixes = dataPrefixes(`${BASE}/def/actieplan#`);
    expect(writeJsonLd(datasetQuads, prefixes).toString('utf8')).toBe(await jsonLdByLibrary(datasetQuads, prefixContext(prefixes)));
    expect(writeJsonLd(catalogQuads, CATALOG_PREFIXES).toString('utf8')).toBe(await jsonLdByLibrary(catalogQuads, prefixContext(CATALOG_PREFIXES)));
    expect(writeJsonLd(catalogQuads, CATALOG_PREFIXES).toString('utf8')).toBe(textOf(release, 'catalog.jsonld'));
  });

  it('gives the bytes jsonld.js gives for any triples, duplicates, blank nodes, one node or none', async () => {
    await fc.assert(
      fc.asyncProperty(quadsArb, async (quads) => {
        expect(writeJsonLd(quads, CONTEXT).toString('utf8')).toBe(await jsonLdByLibrary(quads, prefixContext(CONTEXT)));
      }),
      { numRuns: 300 },
    );
  });

  it('expands (jsonld.toRDF) to the graph the N-Triples hold', async () => {
    const text = textOf(release, `${SLUG}/dataset.jsonld`);
    const nquads = (await jsonld.toRDF(JSON.parse(text) as never, { format: 'application/n-quads', documentLoader: noNetwork } as never)) as unknown as string;
    expect(tripleSet(parseNQuads(nquads))).toEqual(tripleSet(parseNTriples(textOf(release, `${SLUG}/dataset.nt`))));
    await fc.assert(
      fc.asyncProperty(quadsArb, async (quads) => {
        const doc = JSON.parse(writeJsonLd(quads, CONTEXT).toString('utf8')) as object;
        const back = (await jsonld.toRDF(doc as never, { format: 'application/n-quads', documentLoader: noNetwork } as never)) as unknown as string;
        // Blank node labels are renamed on the way back; every other triple comes back as it went in.
        const named = (qs: Quad[]) => tripleSet(qs).filter((line) => !line.includes('_:'));
        expect(named(parseNQuads(back))).toEqual(named(quads));
      }),
      { numRuns: 100 },
    );
  });

  it('leaves what it does not mirror to jsonld.js: lists, named graphs, an IRI that reads as a CURIE', async () => {
    const list = [quad(namedNode('http://example.org/x'), namedNode('http://example.org/p'), namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#nil'))];
    const graph = [quad(namedNode('http://example.org/x'), namedNode('http://example.org/p'), literal('v'), namedNode('http://example.org/g'))];
    for (const quads of [list, graph]) {
      expect(() => writeJsonLd(quads, CONTEXT)).toThrow(Unsupported);
      expect(await toJsonLd(quads, prefixContext(CONTEXT))).toBe(await jsonLdByLibrary(quads, prefixContext(CONTEXT)));
    }
    const curieLike = [quad(namedNode('ex:thing'), namedNode('http://example.org/p'), literal('v'))];
    expect(() => writeJsonLd(curieLike, CONTEXT)).toThrow(Unsupported);
    await expect(jsonLdBytes(curieLike, prefixContext(CONTEXT))).rejects.toThrow(/confused with prefix/);
  });

  it('starts again through jsonld.js when the direct writer gives up half-way, even after its first chunks went on to a file', async () => {
    // Nodes the direct writer writes, then (sorted last) one with an rdf:JSON literal, which it does not mirror.
    const quads = [
      ...Array.from({ length: 40 }, (_, i) => quad(namedNode(`http://example.org/a${String(i).padStart(2, '0')}`), namedNode('http://example.org/p'), literal(`waarde ${i}`))),
      quad(namedNode('http://example.org/z'), namedNode('http://example.org/p'), literal('{"a":1}', namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON'))),
    ];
    const handed: Buffer[] = [];
    let resets = 0;
    // Chunks of 64 bytes, handed over from the first: the nodes before the JSON literal leave the sink before the writer gives up.
    const sink = new ByteSink(64, { from: 1, write: (chunk) => void handed.push(Buffer.from(chunk)), reset: () => void (resets++, handed.splice(0)) });
    await jsonLdInto(sink, quads, prefixContext(CONTEXT));
    sink.finish();
    expect(resets).toBe(1);
    expect(Buffer.concat(handed).toString('utf8')).toBe(await jsonLdByLibrary(quads, prefixContext(CONTEXT)));
  });
});

describe('N-Triples', () => {
  /** What the release wrote before: the Writer's whole text, split, made unique and sorted. */
  const wholeText = (quads: Quad[]) =>
    new Promise<string>((resolve, reject) => {
      const writer = new Writer({ format: 'N-Triples' });
      writer.addQuads(quads);
      writer.end((error, result: string) => (error ? reject(error) : resolve(`${[...new Set(result.split('\n').filter((l) => l !== ''))].sort().join('\n')}\n`)));
    });

  it('sorts the lines and drops repeats, as sorting the whole text did', async () => {
    expect(nTriplesBytes(datasetQuads).toString('utf8')).toBe(await wholeText(datasetQuads));
    await fc.assert(fc.asyncProperty(nTriplesArb, async (quads) => {
          expect(nTriplesBytes(quads).toString('utf8')).toBe(await wholeText(quads));
        }), { numRuns: 300 });
  });
});

describe('dataset.json and CSV in chunks', () => {
  it('jsonBytes gives JSON.stringify(value, null, 2) and a newline, for any JSON object', () => {
    const dataset = JSON.parse(textOf(release, `${SLUG}/dataset.json`)) as object;
    expect(jsonBytes(dataset).equals(Buffer.from(textOf(release, `${SLUG}/dataset.json`)))).toBe(true);
    fc.assert(
      fc.property(fc.oneof(fc.dictionary(fc.string(), fc.oneof(fc.array(fc.jsonValue()), fc.jsonValue())), fc.jsonValue()), (value) => {
        expect(jsonBytes(value).toString('utf8')).toBe(`${JSON.stringify(value, null, 2)}\n`);
      }),
      { numRuns: 500 },
    );
  });

  it('a table of more rows than one batch gives the bytes one csv-stringify call gives', () => {
    const rows = Array.from({ length: 4_567 }, (_, i) => ({ n: i, text: i % 3 ? `regel ${i}\nmet "aanhalingstekens", en komma` : `=${i}`, list: [`a${i}`, `b${i}`] }));
    const table = {
      name: 't',
      rows: () => rows,
      columns: [
        { name: 'n', value: (r: (typeof rows)[number]) => r.n },
        { name: 'text', value: (r: (typeof rows)[number]) => r.text },
        { name: 'list', value: (r: (typeof rows)[number]) => r.list, separator: '; ' },
      ],
    } as unknown as Table<unknown>;
    const expected = stringify([['n', 'text', 'list'], ...rows.map((r) => [String(r.n), r.n % 3 ? r.text : `'${r.text}`, r.list.join('; ')])], { bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ });
    expect(csvBytes(table, {} as Dataset).toString('utf8')).toBe(expected);
  });

  it('ByteSink keeps multi-byte characters whole across chunks', () => {
    const sink = new ByteSink(7);
    const parts = ['ab', 'é€', '😀x', 'ñ', '', 'z'.repeat(20), '∑'];
    for (const part of parts) sink.write(part);
    expect(sink.bytes().toString('utf8')).toBe(parts.join(''));
  });

  it('ByteSink with an overflow keeps chunks until it holds that many bytes, then hands over every chunk as it fills, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 30 }), { maxLength: 60 }), fc.integer({ min: 4, max: 16 }), fc.integer({ min: 1, max: 200 }), (parts, size, from) => {
        const handed: Buffer[] = [];
        // The sink reuses a chunk's memory once handed over: the overflow copies it, as a file write would.
        const sink = new ByteSink(size, { from, write: (chunk) => void handed.push(Buffer.from(chunk)), reset: () => void handed.splice(0) });
        for (const part of parts) sink.write(part);
        sink.finish();
        const text = parts.join('');
        if (Buffer.byteLength(text) >= from) {
          expect(sink.overflowed).toBe(true);
          expect(Buffer.concat(handed).toString('utf8')).toBe(text);
          expect(() => sink.bytes()).toThrow(/overflowed/);
        } else {
          expect([sink.overflowed, handed.length]).toEqual([false, 0]);
          expect(sink.bytes().toString('utf8')).toBe(text);
        }
      }),
      { numRuns: 300 },
    );
  });
});
