// RDF of a dataset: plan, themes (SKOS), actions, updates and progress entries (PROV), organisations (ORG).
import { DataFactory } from '../vendor/rdf.js';
import type { Quad } from 'n3';
import { Iris, actionPath, planPath, progressPath, themePath, updatePath } from '../iris.js';
import type { Dataset } from '../model.js';
import { QuadSink, iri, q, termIri, text, typed } from './quads.js';
import type { Subject } from './subjects.js';
import { STATUSES } from './vocabulary.js';

const { namedNode } = DataFactory;
const statusSlug = new Map<string, string>(STATUSES.map((s) => [s.notation, s.slug]));

/** What every part of the dataset's RDF needs: the sink, the IRIs, and shorthands for own terms and statuses. */
interface Context {
  out: QuadSink;
  iris: Iris;
  plan: Dataset['plan'];
  planIri: string;
  term: (local: string) => ReturnType<typeof iri>;
  status: (value: string) => ReturnType<typeof iri>;
}

/** What is said of one subject (`s`), written into the context's sink. */
interface Part<C> {
  s: string;
  write: (context: C, s: string) => void;
}

/** Every subject of a dataset, in a fixed order: plan, theme scheme and themes, updates, actions, progress, organisations. */
function datasetParts(dataset: Dataset, iris: Iris): { shared: Omit<Context, 'out'>; parts: Part<Context>[] } {
  const { plan } = dataset;
  // Own terms and statuses by their local name: one NamedNode each, made once.
  const terms = new Map<string, ReturnType<typeof iri>>();
  const statuses = new Map<string, ReturnType<typeof iri>>();
  const shared = {
    iris,
    plan,
    planIri: iris.plan(plan.id),
    term: (local: string) => terms.get(local) ?? terms.set(local, termIri(iris.term(local))).get(local)!,
    status: (value: string) => statuses.get(value) ?? statuses.set(value, termIri(iris.status(statusSlug.get(value)!))).get(value)!,
  };
  const scheme = iris.themeScheme(plan.id);
  const parts: Part<Context>[] = [
    { s: shared.planIri, write: planQuads },
    { s: scheme, write: schemeQuads },
    ...dataset.themes.map((theme) => ({ s: iris.theme(plan.id, theme.numeral), write: (c: Context, s: string) => themeQuads(c, s, scheme, theme) })),
    ...dataset.updates.map((update) => ({ s: iris.update(plan.id, update.updateNumber), write: (c: Context, s: string) => updateQuads(c, s, update) })),
    ...dataset.actions.map((action) => ({ s: iris.action(plan.id, action.actionNumber), write: (c: Context, s: string) => actionQuads(c, s, action) })),
    ...dataset.progress.map((entry) => ({ s: iris.progress(plan.id, entry.updateNumber, entry.actionNumber), write: (c: Context, s: string) => progressQuads(c, s, entry) })),
    ...dataset.organisations.map((org) => ({ s: iris.organisation(org.id), write: (c: Context, s: string) => organisationQuads(c, s, org) })),
  ];
  return { shared, parts };
}

/** All parts' quads through one sink: what a subject says in two parts is merged, as the sink merges it. */
function wholeQuads<C extends object>(shared: C, parts: Part<C & { out: QuadSink }>[]): Quad[] {
  const context = { ...shared, out: new QuadSink() };
  for (const part of parts) part.write(context, part.s);
  return context.out.quads;
}

/** Each part as a subject whose quads are made anew, through a sink of their own, whenever they are asked for. */
function partSubjects<C extends object>(shared: C, parts: Part<C & { out: QuadSink }>[]): Subject[] {
  // One context for all (copying it per call took half the time of making the quads): a part writes into it synchronously, so each call only gives it a new sink.
  const context = { ...shared, out: new QuadSink() };
  return parts.map(({ s, write }) => ({
    term: namedNode(s),
    quads: () => {
      const out = (context.out = new QuadSink());
      write(context, s);
      return out.quads;
    },
  }));
}

/** The whole dataset as quads, in a fixed order: plan and themes, updates, actions, progress, organisations. */
export function datasetQuads(dataset: Dataset, iris: Iris): Quad[] {
  const { shared, parts } = datasetParts(dataset, iris);
  return wholeQuads(shared, parts);
}

/**
 * The dataset as its subjects, in the order of `datasetQuads`: each subject's quads are made when
 * asked for and not kept, so a writer holds one subject's quads at a time. When no subject comes
 * twice (see `distinctSubjects`), they are the quads `datasetQuads` gives, subject by subject.
 */
export function datasetSubjects(dataset: Dataset, iris: Iris): Subject[] {
  const { shared, parts } = datasetParts(dataset, iris);
  return partSubjects(shared, parts);
}

function planQuads({ out, plan, term }: Context, s: string): void {
  out.type(s, term('Actieplan'), q('prov', 'Plan'))
    .add(s, q('dct', 'identifier'), text(planPath(plan.id)))
    .add(s, q('dct', 'title'), text(plan.title, 'nl'))
    .add(s, q('dct', 'title'), text(plan.titleEn, 'en'))
    .add(s, q('dct', 'alternative'), text(plan.ogpActionPlan, 'en'));
}

function schemeQuads({ out, plan, planIri }: Context, scheme: string): void {
  out.type(scheme, q('skos', 'ConceptScheme'))
    .add(scheme, q('dct', 'identifier'), text(`${planPath(plan.id)}/thema`))
    .add(scheme, q('skos', 'prefLabel'), text(`Thema's van het ${plan.title}`, 'nl'))
    .add(scheme, q('skos', 'prefLabel'), text(`Themes of the ${plan.titleEn}`, 'en'))
    .add(scheme, q('dct', 'isPartOf'), iri(planIri));
}

function themeQuads({ out, plan }: Context, s: string, scheme: string, theme: Dataset['themes'][number]): void {
  out.type(s, q('skos', 'Concept'))
    .add(s, q('dct', 'identifier'), text(themePath(plan.id, theme.numeral)))
    .add(s, q('skos', 'notation'), text(theme.numeral))
    .add(s, q('skos', 'prefLabel'), text(theme.name, 'nl'))
    .add(s, q('skos', 'inScheme'), iri(scheme))
    .add(s, q('skos', 'topConceptOf'), iri(scheme));
}

function updateQuads({ out, plan, planIri, term }: Context, s: string, update: Dataset['updates'][number]): void {
  out.type(s, term('Update'), q('prov', 'Entity'))
    .add(s, q('dct', 'identifier'), text(updatePath(plan.id, update.updateNumber)))
    .add(s, q('dct', 'title'), text(update.title, 'nl'))
    .add(s, q('dct', 'isPartOf'), iri(planIri))
    .add(s, term('updatenummer'), typed(update.updateNumber, 'integer'))
    .add(s, q('dct', 'issued'), update.published ? typed(update.published, 'date') : null)
    .add(s, term('gepubliceerdNietVoor'), update.publishedNotBefore ? typed(update.publishedNotBefore, 'date') : null)
    .add(s, term('gepubliceerdNietNa'), update.publishedNotAfter ? typed(update.publishedNotAfter, 'date') : null)
    .add(s, term('bronSha256'), typed(update.sourceSha256, 'hexBinary'));
}

function actionQuads({ out, iris, plan, planIri, term, status }: Context, s: string, action: Dataset['actions'][number]): void {
  out.type(s, term('Actiepunt'))
    .add(s, q('dct', 'identifier'), text(actionPath(plan.id, action.actionNumber)))
    .add(s, q('dct', 'title'), text(action.title, 'nl'))
    .add(s, term('nummer'), typed(action.actionNumber, 'integer'))
    .add(s, q('dct', 'isPartOf'), iri(planIri))
    .add(s, term('thema'), action.themeNumeral ? iri(iris.theme(plan.id, action.themeNumeral)) : null)
    .add(s, term('ogpCommitment'), action.ogpCommitmentUrl ? iri(action.ogpCommitmentUrl) : null)
    .add(s, term('ogpCommitmentId'), action.ogpCommitmentId ? text(action.ogpCommitmentId) : null)
    .add(s, term('laatsteStatus'), status(action.latestStatus))
    .add(s, term('laatsteUpdate'), iri(iris.update(plan.id, action.latestUpdate)));
  for (const id of action.actionHolders) out.add(s, term('actiehouder'), iri(iris.organisation(id)));
  for (const id of action.partners) out.add(s, term('partner'), iri(iris.organisation(id)));
}

function progressQuads({ out, iris, plan, term, status }: Context, s: string, entry: Dataset['progress'][number]): void {
  const update = iris.update(plan.id, entry.updateNumber);
  out.type(s, term('Voortgang'), q('prov', 'Entity'))
    .add(s, q('dct', 'identifier'), text(progressPath(plan.id, entry.updateNumber, entry.actionNumber)))
    .add(s, term('update'), iri(update))
    .add(s, term('actiepunt'), iri(iris.action(plan.id, entry.actionNumber)))
    .add(s, term('status'), status(entry.status))
    .add(s, term('herhaaltUpdateVan'), entry.repeatedFrom ? typed(entry.repeatedFrom, 'date') : null)
    .add(s, term('herhaaltUpdate'), entry.repeatsUpdate ? iri(iris.update(plan.id, entry.repeatsUpdate)) : null)
    .add(s, term('looptijd'), entry.duration ? text(entry.duration) : null)
    .add(s, term('tekst'), entry.text ? text(entry.text, 'nl') : null)
    .add(s, term('eersteBronregel'), typed(entry.sourceFirstLine, 'integer'))
    .add(s, term('laatsteBronregel'), typed(entry.sourceLastLine, 'integer'))
    .add(s, q('prov', 'wasDerivedFrom'), iri(update));
  for (const date of entry.mentionedDates) out.add(s, term('genoemdeDatum'), typed(date, 'date'));
}

function organisationQuads({ out, term }: Context, s: string, org: Dataset['organisations'][number]): void {
  out.type(s, q('org', 'Organization'), q('foaf', 'Agent'))
    .add(s, q('dct', 'identifier'), text(`organisatie/${org.id}`))
    .add(s, q('skos', 'prefLabel'), text(org.name, 'nl'))
    .add(s, q('foaf', 'name'), text(org.name, 'nl'))
    .add(s, q('skos', 'altLabel'), org.abbreviation ? text(org.abbreviation) : null)
    .add(s, term('soort'), org.kind ? text(org.kind) : null)
    .add(s, q('owl', 'sameAs'), org.tooiUri ? iri(org.tooiUri) : null)
    .add(s, q('owl', 'sameAs'), org.owmsUri ? iri(org.owmsUri) : null);
}

/** The status concepts, published with every dataset so that `aoo:status` values resolve. */
function statusParts(iris: Iris): Part<{ out: QuadSink }>[] {
  const scheme = iris.statusScheme();
  const schemePart: Part<{ out: QuadSink }> = {
    s: scheme,
    write: ({ out }) => {
      out.type(scheme, q('skos', 'ConceptScheme'))
        .add(scheme, q('skos', 'prefLabel'), text('Voortgangsstatus van een actiepunt', 'nl'))
        .add(scheme, q('skos', 'prefLabel'), text('Progress status of an action point', 'en'));
    },
  };
  const statusPart = (status: (typeof STATUSES)[number]): Part<{ out: QuadSink }> => ({
    s: iris.status(status.slug),
    write: ({ out }, s) => {
      out.type(s, q('skos', 'Concept'))
        .add(s, q('skos', 'notation'), text(status.notation))
        .add(s, q('skos', 'prefLabel'), text(status.label.nl, 'nl'))
        .add(s, q('skos', 'prefLabel'), text(status.label.en, 'en'))
        .add(s, q('skos', 'inScheme'), iri(scheme))
        .add(s, q('skos', 'topConceptOf'), iri(scheme));
    },
  });
  return [schemePart, ...STATUSES.map(statusPart)];
}

export const statusQuads = (iris: Iris): Quad[] => wholeQuads({}, statusParts(iris));
/** `statusQuads` as subjects (see `datasetSubjects`). */
export const statusSubjects = (iris: Iris): Subject[] => partSubjects({}, statusParts(iris));
