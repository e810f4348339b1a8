// RDF of a dataset: plan, themes (SKOS), actions, updates and progress entries (PROV), organisations (ORG).
import type { Quad } from 'n3';
import { Iris, actionPath, planPath, progressPath, themePath, updatePath } from '../iris.js';
import type { Dataset } from '../model.js';
import { QuadSink, iri, q, termIri, text, typed } from './quads.js';
import { STATUSES } from './vocabulary.js';

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

/** The whole dataset as quads, in a fixed order: plan and themes, updates, actions, progress, organisations. */
export function datasetQuads(dataset: Dataset, iris: Iris): Quad[] {
  const { plan } = dataset;
  // Own terms and statuses by their local name: one NamedNode each, made once.
  const terms = new Map<string, ReturnType<typeof iri>>();
  const statuses = new Map<string, ReturnType<typeof iri>>();
  const context: Context = {
    out: new QuadSink(),
    iris,
    plan,
    planIri: iris.plan(plan.id),
    term: (local) => terms.get(local) ?? terms.set(local, termIri(iris.term(local))).get(local)!,
    status: (value) => statuses.get(value) ?? statuses.set(value, termIri(iris.status(statusSlug.get(value)!))).get(value)!,
  };
  planQuads(context, dataset.themes);
  for (const update of dataset.updates) updateQuads(context, update);
  for (const action of dataset.actions) actionQuads(context, action);
  for (const entry of dataset.progress) progressQuads(context, entry);
  for (const org of dataset.organisations) organisationQuads(context, org);
  return context.out.quads;
}

function planQuads({ out, iris, plan, planIri, term }: Context, themes: Dataset['themes']): void {
  const scheme = iris.themeScheme(plan.id);
  out.type(planIri, term('Actieplan'), q('prov', 'Plan'))
    .add(planIri, q('dct', 'identifier'), text(planPath(plan.id)))
    .add(planIri, q('dct', 'title'), text(plan.title, 'nl'))
    .add(planIri, q('dct', 'title'), text(plan.titleEn, 'en'))
    .add(planIri, q('dct', 'alternative'), text(plan.ogpActionPlan, 'en'));

  out.type(scheme, q('skos', 'ConceptScheme'))
    .add(scheme, q('dct', 'identifier'), text(`${planPath(plan.id)}/thema`))
    .add(scheme, q('skos', 'prefLabel'), text(`Thema's van het ${plan.title}`, 'nl'))
    .add(scheme, q('skos', 'prefLabel'), text(`Themes of the ${plan.titleEn}`, 'en'))
    .add(scheme, q('dct', 'isPartOf'), iri(planIri));
  for (const theme of themes) {
    const s = iris.theme(plan.id, theme.numeral);
    out.type(s, q('skos', 'Concept'))
      .add(s, q('dct', 'identifier'), text(themePath(plan.id, theme.numeral)))
      .add(s, q('skos', 'notation'), text(theme.numeral))
      .add(s, q('skos', 'prefLabel'), text(theme.name, 'nl'))
      .add(s, q('skos', 'inScheme'), iri(scheme))
      .add(s, q('skos', 'topConceptOf'), iri(scheme));
  }
}

function updateQuads({ out, iris, plan, planIri, term }: Context, update: Dataset['updates'][number]): void {
  const s = iris.update(plan.id, update.updateNumber);
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

function actionQuads({ out, iris, plan, planIri, term, status }: Context, action: Dataset['actions'][number]): void {
  const s = iris.action(plan.id, action.actionNumber);
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

function progressQuads({ out, iris, plan, term, status }: Context, entry: Dataset['progress'][number]): void {
  const s = iris.progress(plan.id, entry.updateNumber, entry.actionNumber);
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

function organisationQuads({ out, iris, term }: Context, org: Dataset['organisations'][number]): void {
  const s = iris.organisation(org.id);
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
export function statusQuads(iris: Iris): Quad[] {
  const out = new QuadSink();
  const scheme = iris.statusScheme();
  out.type(scheme, q('skos', 'ConceptScheme'))
    .add(scheme, q('skos', 'prefLabel'), text('Voortgangsstatus van een actiepunt', 'nl'))
    .add(scheme, q('skos', 'prefLabel'), text('Progress status of an action point', 'en'));
  for (const status of STATUSES) {
    const s = iris.status(status.slug);
    out.type(s, q('skos', 'Concept'))
      .add(s, q('skos', 'notation'), text(status.notation))
      .add(s, q('skos', 'prefLabel'), text(status.label.nl, 'nl'))
      .add(s, q('skos', 'prefLabel'), text(status.label.en, 'en'))
      .add(s, q('skos', 'inScheme'), iri(scheme))
      .add(s, q('skos', 'topConceptOf'), iri(scheme));
  }
  return out.quads;
}
