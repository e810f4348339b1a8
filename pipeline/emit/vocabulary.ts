// ontsluit's own RDF terms (prefix aoo:), with Dutch and English labels; written to def/actieplan.ttl.
import type { Quad } from 'n3';
import { NS, type Iris } from '../iris.js';
import type { Bilingual } from './lang.js';
import { QuadSink, iri, q, text } from './quads.js';

export interface Term {
  local: string;
  kind: 'class' | 'property';
  label: Bilingual;
  comment: Bilingual;
  subOf?: string;
  domain?: string;
  range?: string;
}

const { prov, skos, dct, rdfs, xsd, org } = NS;

export const TERMS: Term[] = [
  { local: 'Actieplan', kind: 'class', subOf: `${prov}Plan`, label: { nl: 'Actieplan Open Overheid', en: 'Open Government Action Plan' }, comment: { nl: 'Een nationaal actieplan in het kader van het Open Government Partnership.', en: 'A national action plan under the Open Government Partnership.' } },
  { local: 'Actiepunt', kind: 'class', label: { nl: 'Actiepunt', en: 'Action point' }, comment: { nl: 'Een genummerd actiepunt van een actieplan.', en: 'A numbered action point of an action plan.' } },
  { local: 'Update', kind: 'class', subOf: `${prov}Entity`, label: { nl: 'Voortgangsupdate', en: 'Progress update' }, comment: { nl: 'Een gepubliceerde update over de stand van zaken van de actiepunten.', en: 'A published update on the state of the action points.' } },
  { local: 'Voortgang', kind: 'class', subOf: `${prov}Entity`, label: { nl: 'Voortgang van een actiepunt', en: 'Progress entry' }, comment: { nl: 'Wat één update over één actiepunt zegt.', en: 'What one update says about one action point.' } },
  { local: 'nummer', kind: 'property', domain: 'Actiepunt', range: `${xsd}integer`, label: { nl: 'nummer', en: 'number' }, comment: { nl: 'Het nummer van het actiepunt in het actieplan.', en: 'The number of the action point in the plan.' } },
  { local: 'thema', kind: 'property', subOf: `${dct}subject`, domain: 'Actiepunt', range: `${skos}Concept`, label: { nl: 'thema', en: 'theme' }, comment: { nl: 'Het thema van het actieplan waaronder het actiepunt valt.', en: 'The theme of the plan the action point belongs to.' } },
  { local: 'actiehouder', kind: 'property', domain: 'Actiepunt', range: `${org}Organization`, label: { nl: 'actiehouder', en: 'action holder' }, comment: { nl: 'Organisatie die het actiepunt uitvoert (volgens de laatste update).', en: 'Organisation that carries out the action point (as of the latest update).' } },
  { local: 'partner', kind: 'property', domain: 'Actiepunt', range: `${org}Organization`, label: { nl: 'partner', en: 'partner' }, comment: { nl: 'Organisatie waarmee wordt samengewerkt (volgens de laatste update).', en: 'Organisation the holders work with (as of the latest update).' } },
  { local: 'ogpCommitment', kind: 'property', subOf: `${rdfs}seeAlso`, domain: 'Actiepunt', label: { nl: 'OGP-commitment', en: 'OGP commitment' }, comment: { nl: 'De pagina van het bijbehorende commitment bij het Open Government Partnership.', en: 'The page of the matching Open Government Partnership commitment.' } },
  { local: 'ogpCommitmentId', kind: 'property', domain: 'Actiepunt', range: `${xsd}string`, label: { nl: 'OGP-commitmentnummer', en: 'OGP commitment id' }, comment: { nl: 'Het nummer van het commitment bij het Open Government Partnership, zoals NL0039.', en: 'The Open Government Partnership commitment id, such as NL0039.' } },
  { local: 'laatsteStatus', kind: 'property', domain: 'Actiepunt', range: `${skos}Concept`, label: { nl: 'laatste status', en: 'latest status' }, comment: { nl: 'De status van het actiepunt in de laatste update waarin het voorkomt.', en: 'The status of the action point in the latest update that lists it.' } },
  { local: 'laatsteUpdate', kind: 'property', domain: 'Actiepunt', range: 'Update', label: { nl: 'laatste update', en: 'latest update' }, comment: { nl: 'De laatste update waarin het actiepunt voorkomt.', en: 'The latest update that lists the action point.' } },
  { local: 'updatenummer', kind: 'property', domain: 'Update', range: `${xsd}integer`, label: { nl: 'updatenummer', en: 'update number' }, comment: { nl: 'N van "Update #N".', en: 'N of "Update #N".' } },
  { local: 'gepubliceerdNietVoor', kind: 'property', domain: 'Update', range: `${xsd}date`, label: { nl: 'gepubliceerd niet voor', en: 'published not before' }, comment: { nl: 'Vroegst mogelijke publicatiedatum volgens de bron, als de datum zelf onbekend is.', en: 'Earliest publication date the sources support, when the date itself is unknown.' } },
  { local: 'gepubliceerdNietNa', kind: 'property', domain: 'Update', range: `${xsd}date`, label: { nl: 'gepubliceerd niet na', en: 'published not after' }, comment: { nl: 'Laatst mogelijke publicatiedatum volgens de bron, als de datum zelf onbekend is.', en: 'Latest publication date the sources support, when the date itself is unknown.' } },
  { local: 'bronSha256', kind: 'property', domain: 'Update', range: `${xsd}hexBinary`, label: { nl: 'SHA-256 van de bron', en: 'source SHA-256' }, comment: { nl: 'SHA-256 van de bytes van het brondocument.', en: 'SHA-256 of the bytes of the source document.' } },
  { local: 'update', kind: 'property', domain: 'Voortgang', range: 'Update', label: { nl: 'update', en: 'update' }, comment: { nl: 'De update die de voortgang meldt.', en: 'The update that reports the progress.' } },
  { local: 'actiepunt', kind: 'property', domain: 'Voortgang', range: 'Actiepunt', label: { nl: 'actiepunt', en: 'action point' }, comment: { nl: 'Het actiepunt waarover de voortgang gaat.', en: 'The action point the progress is about.' } },
  { local: 'status', kind: 'property', domain: 'Voortgang', range: `${skos}Concept`, label: { nl: 'status', en: 'status' }, comment: { nl: 'Nieuwe tekst, geen update, of een herhaalde eerdere update.', en: 'New text, no update, or a repeated earlier update.' } },
  { local: 'herhaaltUpdateVan', kind: 'property', domain: 'Voortgang', range: `${xsd}date`, label: { nl: 'herhaalt update van', en: 'repeats update of' }, comment: { nl: 'De datum van de eerdere update die deze voortgang herhaalt.', en: 'The date of the earlier update this entry repeats.' } },
  { local: 'herhaaltUpdate', kind: 'property', domain: 'Voortgang', range: 'Update', label: { nl: 'herhaalt update', en: 'repeats update' }, comment: { nl: 'De eerdere update waarvan deze voortgang de tekst herhaalt.', en: 'The earlier update whose text this entry repeats.' } },
  { local: 'tekst', kind: 'property', domain: 'Voortgang', range: `${rdfs}Literal`, label: { nl: 'voortgangstekst', en: 'progress text' }, comment: { nl: 'De tekst van de update over dit actiepunt.', en: 'The text of the update about this action point.' } },
  { local: 'looptijd', kind: 'property', domain: 'Voortgang', range: `${xsd}string`, label: { nl: 'looptijd', en: 'duration' }, comment: { nl: 'De regel "Looptijd:" zoals de update die geeft.', en: 'The "Looptijd:" line as the update gives it.' } },
  { local: 'genoemdeDatum', kind: 'property', domain: 'Voortgang', range: `${xsd}date`, label: { nl: 'genoemde datum', en: 'mentioned date' }, comment: { nl: 'Een volledige datum die in de tekst wordt genoemd.', en: 'A full date mentioned in the text.' } },
  { local: 'eersteBronregel', kind: 'property', domain: 'Voortgang', range: `${xsd}integer`, label: { nl: 'eerste bronregel', en: 'first source line' }, comment: { nl: 'De eerste regel van het actiepunt in het brondocument.', en: 'The first line of the action point in the source document.' } },
  { local: 'laatsteBronregel', kind: 'property', domain: 'Voortgang', range: `${xsd}integer`, label: { nl: 'laatste bronregel', en: 'last source line' }, comment: { nl: 'De laatste regel van het actiepunt in het brondocument.', en: 'The last line of the action point in the source document.' } },
  { local: 'soort', kind: 'property', domain: `${org}Organization`, range: `${xsd}string`, label: { nl: 'soort organisatie', en: 'kind of organisation' }, comment: { nl: 'Soort organisatie volgens het organisatieregister van ontsluit (ministerie, provincie, collectief …).', en: 'Kind of organisation in the ontsluit organisation registry (ministry, province, collective …).' } },
];

export const STATUSES = [
  { notation: 'new', slug: 'nieuw', label: { nl: 'nieuwe update', en: 'new update' } },
  { notation: 'no-update', slug: 'geen-update', label: { nl: 'geen nieuwe update aangeleverd', en: 'no new update supplied' } },
  { notation: 'repeated', slug: 'herhaald', label: { nl: 'eerdere update herhaald', en: 'earlier update repeated' } },
] as const;

/** The vocabulary as RDF: an owl:Ontology with every term, labelled in Dutch and English. */
export function vocabularyQuads(iris: Iris): Quad[] {
  const out = new QuadSink();
  const ontology = iris.ontology;
  out.type(ontology, q('owl', 'Ontology'))
    .add(ontology, q('dct', 'title'), text('Actieplan Open Overheid: begrippen van ontsluit', 'nl'))
    .add(ontology, q('dct', 'title'), text('Open Government Action Plan: ontsluit terms', 'en'))
    .add(ontology, q('rdfs', 'comment'), text('De eigen begrippen die ontsluit gebruikt naast DCTERMS, SKOS, ORG, FOAF en PROV.', 'nl'))
    .add(ontology, q('rdfs', 'comment'), text('The terms ontsluit defines itself, next to DCTERMS, SKOS, ORG, FOAF and PROV.', 'en'));
  const resolve = (ref: string) => iri(ref.includes(':') ? ref : iris.term(ref));
  for (const t of TERMS) {
    const s = iris.term(t.local);
    out.type(s, t.kind === 'class' ? q('owl', 'Class') : q('rdf', 'Property'))
      .add(s, q('rdfs', 'isDefinedBy'), iri(ontology))
      .add(s, q('rdfs', 'label'), text(t.label.nl, 'nl'))
      .add(s, q('rdfs', 'label'), text(t.label.en, 'en'))
      .add(s, q('rdfs', 'comment'), text(t.comment.nl, 'nl'))
      .add(s, q('rdfs', 'comment'), text(t.comment.en, 'en'))
      .add(s, t.kind === 'class' ? q('rdfs', 'subClassOf') : q('rdfs', 'subPropertyOf'), t.subOf ? resolve(t.subOf) : null)
      .add(s, q('rdfs', 'domain'), t.domain ? resolve(t.domain) : null)
      .add(s, q('rdfs', 'range'), t.range ? resolve(t.range) : null);
  }
  return out.quads;
}
