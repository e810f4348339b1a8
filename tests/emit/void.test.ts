// VoID statistics: distinct triples, subjects and objects, classes and properties, counted as SPARQL would.
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { statistics } from '../../pipeline/emit/void.js';
import { NS } from '../../pipeline/iris.js';

const { namedNode, blankNode, literal, quad } = DataFactory;
const ex = (local: string) => namedNode(`https://example.org/${local}`);
const type = namedNode(`${NS.rdf}type`);

describe('statistics', () => {
  it('counts a repeated triple once (for its property too), literals apart by language and datatype, and objects by their value', () => {
    const text = 'Een tekst die lang genoeg is om als deel van een andere string bewaard te worden';
    const quads = [
      quad(ex('a'), type, ex('Actie')),
      quad(ex('a'), type, ex('Actie')),
      quad(ex('a'), ex('titel'), literal(text, 'nl')),
      quad(ex('a'), ex('titel'), literal(text, 'en')),
      quad(ex('a'), ex('titel'), literal(text)),
      quad(ex('b'), type, ex('Actie')),
      quad(ex('b'), ex('deel'), blankNode('x')),
      quad(blankNode('x'), ex('titel'), literal('1', namedNode(`${NS.xsd}integer`))),
      quad(blankNode('x'), ex('titel'), literal('1')),
    ];
    const stats = statistics(quads);
    // 9 quads, one repeated; the three texts and the two "1"s are distinct triples.
    expect(stats.triples).toBe(8);
    expect(stats.distinctSubjects).toBe(3);
    // Objects by value: Actie, the text (in three forms), the blank node, "1" (in two forms).
    expect(stats.distinctObjects).toBe(4);
    expect([...stats.classes]).toEqual([['https://example.org/Actie', 2]]);
    // A property's triples are distinct triples too: the repeated type counts once.
    expect(Object.fromEntries(stats.properties)).toEqual({ [`${NS.rdf}type`]: 2, 'https://example.org/titel': 5, 'https://example.org/deel': 1 });
  });
});
