// QuadSink skips repeated triples whether subjects come one after the other (a dataset) or come back (the catalog); its literals write and compare as n3's own.
import { DataFactory, Store, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { writeJsonLd } from '../../pipeline/emit/jsonld-write.js';
import { QuadSink, iri, q, text, typed } from '../../pipeline/emit/quads.js';
import { jsonLdByLibrary, prefixContext, toNTriples, toRdfXml, toTurtle } from '../../pipeline/emit/serialize.js';
import { statistics } from '../../pipeline/emit/void.js';

const { literal, namedNode } = DataFactory;
const lines = (sink: QuadSink) => sink.quads.map((x) => `${x.subject.value} ${x.predicate.value} ${x.object.termType}:${x.object.value}@${x.object.termType === 'Literal' ? `${x.object.language}^${x.object.datatype.value}` : ''}`);

describe('QuadSink', () => {
  it('skips a repeat of the current subject and keeps the order of first appearance', () => {
    const sink = new QuadSink();
    sink.add('a', q('dct', 'title'), text('x', 'nl')).add('a', q('dct', 'title'), text('x', 'nl')).add('a', q('dct', 'title'), text('x', 'en')).add('a', q('dct', 'title'), text('x'));
    sink.add('b', q('dct', 'title'), text('x', 'nl')).add('b', q('dct', 'identifier'), typed(1, 'integer')).add('b', q('dct', 'identifier'), typed('1', 'integer')).add('b', q('dct', 'identifier'), typed(1, 'string'));
    expect(lines(sink)).toEqual([
      'a http://purl.org/dc/terms/title Literal:x@nl^http://www.w3.org/1999/02/22-rdf-syntax-ns#langString',
      'a http://purl.org/dc/terms/title Literal:x@en^http://www.w3.org/1999/02/22-rdf-syntax-ns#langString',
      'a http://purl.org/dc/terms/title Literal:x@^http://www.w3.org/2001/XMLSchema#string',
      'b http://purl.org/dc/terms/title Literal:x@nl^http://www.w3.org/1999/02/22-rdf-syntax-ns#langString',
      'b http://purl.org/dc/terms/identifier Literal:1@^http://www.w3.org/2001/XMLSchema#integer',
      'b http://purl.org/dc/terms/identifier Literal:1@^http://www.w3.org/2001/XMLSchema#string',
    ]);
  });

  it('skips a repeat of a subject that comes back after others, and of every subject after that', () => {
    const sink = new QuadSink();
    sink.type('a', q('dcat', 'Dataset')).add('a', q('dct', 'subject'), iri('c'));
    sink.type('b', q('foaf', 'Document'));
    sink.type('a', q('dcat', 'Dataset')).add('a', q('dct', 'subject'), iri('c')).add('a', q('dct', 'subject'), literal('c'));
    sink.type('b', q('foaf', 'Document')).type('c', q('foaf', 'Document')).type('b', q('foaf', 'Agent'));
    sink.type('c', q('foaf', 'Document')).add('c', namedNode('http://example.org/p'), null).add('c', namedNode('http://example.org/p'), undefined);
    expect(lines(sink).map((l) => l.replace(/@.*$/, ''))).toEqual([
      'a http://www.w3.org/1999/02/22-rdf-syntax-ns#type NamedNode:http://www.w3.org/ns/dcat#Dataset',
      'a http://purl.org/dc/terms/subject NamedNode:c',
      'b http://www.w3.org/1999/02/22-rdf-syntax-ns#type NamedNode:http://xmlns.com/foaf/0.1/Document',
      'a http://purl.org/dc/terms/subject Literal:c',
      'c http://www.w3.org/1999/02/22-rdf-syntax-ns#type NamedNode:http://xmlns.com/foaf/0.1/Document',
      'b http://www.w3.org/1999/02/22-rdf-syntax-ns#type NamedNode:http://xmlns.com/foaf/0.1/Agent',
    ]);
  });
});

describe('text and typed literals', () => {
  const subject = namedNode('https://example.org/id/a');
  const p = namedNode('https://example.org/def/p');
  const tricky = 'Een "tekst" met\nregels, \\ en "@nl aan het eind"@en — ± ✓';
  // Each literal as the pipeline makes it, and as n3's DataFactory makes it.
  const pairs = [
    [text(tricky, 'nl'), literal(tricky, 'nl')],
    [text(tricky, 'en'), literal(tricky, 'en')],
    [text(tricky), literal(tricky)],
    [typed(42, 'integer'), literal('42', q('xsd', 'integer'))],
    [typed('2021-06-21', 'date'), literal('2021-06-21', q('xsd', 'date'))],
    [typed('00ff', 'hexBinary'), literal('00ff', q('xsd', 'hexBinary'))],
    [typed('true', 'boolean'), literal('true', q('xsd', 'boolean'))],
  ] as const;
  const ours = pairs.map(([field]) => DataFactory.quad(subject, p, field));
  const theirs = pairs.map(([, n3]) => DataFactory.quad(subject, p, n3));
  const prefixes = { ex: 'https://example.org/def/', xsd: 'http://www.w3.org/2001/XMLSchema#' };

  it('are written as n3 literals are: Turtle, N-Triples, RDF/XML, and JSON-LD by the direct writer and by jsonld.js', async () => {
    expect(await toTurtle(ours, prefixes)).toBe(await toTurtle(theirs, prefixes));
    expect(await toNTriples(ours)).toBe(await toNTriples(theirs));
    expect(await toRdfXml(ours, prefixes)).toBe(await toRdfXml(theirs, prefixes));
    expect(writeJsonLd(ours, prefixes).toString('utf8')).toBe(writeJsonLd(theirs, prefixes).toString('utf8'));
    expect(writeJsonLd(ours, prefixes).toString('utf8')).toBe(await jsonLdByLibrary(theirs, prefixContext(prefixes)));
    expect(await jsonLdByLibrary(ours, prefixContext(prefixes))).toBe(await jsonLdByLibrary(theirs, prefixContext(prefixes)));
  });

  it('have the id, fields and equality of n3 literals, in a Store too', () => {
    for (const [field, n3] of pairs) {
      expect(field.id).toBe(n3.id);
      expect([field.value, field.language, field.datatype.value]).toEqual([n3.value, n3.language, n3.datatype.value]);
      expect(field.equals(n3)).toBe(true);
      expect(n3.equals(field)).toBe(true);
    }
    // Another language, datatype or kind of term is another term.
    expect(text('x', 'nl').equals(literal('x', 'en'))).toBe(false);
    expect(text('x').equals(literal('x', 'nl'))).toBe(false);
    expect(typed(1, 'integer').equals(literal('1'))).toBe(false);
    expect(text('https://example.org/x').equals(namedNode('https://example.org/x'))).toBe(false);
    const store = new Store([...ours, ...theirs] as Quad[]);
    expect(store.size).toBe(pairs.length);
    expect(store.getQuads(subject, p, text(tricky, 'nl'), null).map((x) => x.object.id)).toEqual([literal(tricky, 'nl').id]);
  });

  it('count as n3 literals do in the VoID statistics, mixed with them', () => {
    const mixed = [...ours, ...theirs, DataFactory.quad(subject, p, namedNode(tricky))];
    expect(statistics(mixed)).toEqual(statistics([...theirs, DataFactory.quad(subject, p, namedNode(tricky))]));
    expect(statistics(mixed).triples).toBe(pairs.length + 1);
  });
});
