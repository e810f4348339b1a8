// QuadSink skips repeated triples whether subjects come one after the other (a dataset) or come back (the catalog).
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { QuadSink, iri, q, text, typed } from '../../pipeline/emit/quads.js';

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
