// A dataset's RDF made a subject at a time: the same files as its quads held whole, and the same summary as its files give.
import { DataFactory, Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { datasetRdf } from '../../pipeline/emit/files.js';
import { jsonLdByLibrary, jsonLdBytes, nTriplesBytes, prefixContext, turtleBytes } from '../../pipeline/emit/serialize.js';
import { distinctSubjects, subjectsOf, type Subject } from '../../pipeline/emit/subjects.js';
import { summarize } from '../../pipeline/emit/summary.js';
import { Iris } from '../../pipeline/iris.js';
import { BASE, SLUG, buildRelease, datasetOf, textOf } from './release.js';

const { namedNode, literal, quad } = DataFactory;
const release = await buildRelease();
const iris = new Iris(BASE);
const rdf = datasetRdf(datasetOf(release), iris);
const whole = rdf.quads();

describe('datasetRdf', () => {
  it('names each subject once, and each subject says only of itself what the whole graph says of it, in the same order', () => {
    expect(distinctSubjects(rdf.subjects)).toBe(true);
    expect(rdf.subjects.length).toBeGreaterThan(70);
    for (const subject of rdf.subjects) for (const q of subject.quads()) expect(q.subject.equals(subject.term)).toBe(true);
    expect(rdf.subjects.flatMap((s) => s.quads())).toEqual(whole);
  });

  it('makes each subject anew when asked: nothing is held between two calls', () => {
    const [first] = rdf.subjects;
    expect(first!.quads()).not.toBe(first!.quads());
    expect(first!.quads()).toEqual(first!.quads());
  });

  it("gives each subject its own quads while another subject's are held (the subjects share one context)", () => {
    const held = rdf.subjects.map((subject) => subject.quads());
    expect(held.flat()).toEqual(whole);
    expect(held.every((quads, i) => quads.every((q) => q.subject.equals(rdf.subjects[i]!.term)))).toBe(true);
  });

  it('writes Turtle, N-Triples and JSON-LD a subject at a time with the bytes of the whole graph', async () => {
    const prefixes = rdf.prefixes;
    expect((await rdf.turtle()).equals(await turtleBytes(whole, prefixes))).toBe(true);
    expect((await rdf.nTriples()).equals(nTriplesBytes(whole))).toBe(true);
    expect((await rdf.jsonLd()).equals(await jsonLdBytes(whole, prefixContext(prefixes)))).toBe(true);
    expect((await rdf.nTriples()).toString('utf8')).toBe(textOf(release, `${SLUG}/dataset.nt`));
    expect((await rdf.jsonLd()).toString('utf8')).toBe(textOf(release, `${SLUG}/dataset.jsonld`));
  });
});

describe('subjects named twice', () => {
  const ex = (local: string) => namedNode(`http://example.org/${local}`);
  const twice: Subject[] = [
    { term: ex('b'), quads: () => [quad(ex('b'), ex('p'), literal('2')), quad(ex('b'), ex('p'), literal('1'))] },
    { term: ex('a'), quads: () => [quad(ex('a'), ex('p'), ex('b'))] },
    { term: ex('b'), quads: () => [quad(ex('b'), ex('q'), literal('3')), quad(ex('b'), ex('p'), literal('1'))] },
  ];
  const all = twice.flatMap((s) => s.quads());

  it('are written as the quads held whole are: N-Triples merged, sorted and without repeats, JSON-LD as jsonld.js writes it', async () => {
    expect(distinctSubjects(twice)).toBe(false);
    expect(nTriplesBytes(twice).toString('utf8')).toBe(nTriplesBytes(all).toString('utf8'));
    expect(nTriplesBytes(twice).toString('utf8').split('\n').filter(Boolean)).toHaveLength(4);
    const context = prefixContext({ ex: 'http://example.org/' });
    expect((await jsonLdBytes(twice, context)).toString('utf8')).toBe(await jsonLdByLibrary(all, context));
    expect(subjectsOf(all).map((s) => s.term.value)).toEqual(['http://example.org/b', 'http://example.org/a']);
  });
});

describe('a subject without quads', () => {
  it('is left out, as the quads held whole leave it out', async () => {
    const ex = (local: string) => namedNode(`http://example.org/${local}`);
    const subjects: Subject[] = [
      { term: ex('a'), quads: () => [quad(ex('a'), ex('p'), literal('1'))] },
      { term: ex('b'), quads: () => [] },
    ];
    const all = subjects.flatMap((s) => s.quads());
    const context = prefixContext({ ex: 'http://example.org/' });
    expect((await jsonLdBytes(subjects, context)).toString('utf8')).toBe(await jsonLdByLibrary(all, context));
    expect(nTriplesBytes(subjects).toString('utf8')).toBe(nTriplesBytes(all).toString('utf8'));
  });
});

describe('the summary of a dataset built', () => {
  it('equals the summary of its N-Triples file: statistics, identities and term use', () => {
    const built = release.release!.datasets[0]!;
    const fromFile = summarize(new Parser({ format: 'N-Triples' }).parse(textOf(release, `${SLUG}/dataset.nt`)), iris);
    expect(built.stats).toEqual(fromFile.stats);
    expect(built.triples).toBe(textOf(release, `${SLUG}/dataset.nt`).split('\n').filter(Boolean).length);
    expect(built.identities).toEqual(fromFile.identities);
    expect(built.use).toEqual(fromFile.use);
    expect(built.stats.distinctSubjects).toBe(rdf.subjects.length);
  });
});
