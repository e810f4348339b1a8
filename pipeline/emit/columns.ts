// What every column of the tables means, in Dutch and English: the workbook's "Toelichting", the CSVW group and the data package state it.
import { OntsluitError } from '../errors.js';
import type { Bilingual } from './lang.js';

/** By column name; a name means the same in every table it appears in. */
const MEANINGS: Record<string, Bilingual> = {
  plan: { nl: 'Het actieplan, als jaren (2020-2022).', en: 'The action plan, as years (2020-2022).' },
  update_number: { nl: 'Het nummer van de voortgangsupdate (Update #2 → 2).', en: 'The number of the progress update (Update #2 → 2).' },
  title: { nl: 'De titel zoals de bron die schrijft.', en: 'The title as the source writes it.' },
  published: { nl: 'De publicatiedatum, als de bron of het register die noemt.', en: 'The publication date, when the source or the registry states it.' },
  published_not_before: { nl: 'Vroegst mogelijke publicatiedatum, als alleen een periode bekend is.', en: 'The earliest possible publication date, when only a range is known.' },
  published_not_after: { nl: 'Laatst mogelijke publicatiedatum, als alleen een periode bekend is.', en: 'The latest possible publication date, when only a range is known.' },
  action_count: { nl: 'Hoeveel actiepunten erbij horen.', en: 'How many action points belong to it.' },
  intro: { nl: 'De inleidende tekst van de update.', en: 'The introduction of the update.' },
  footer: { nl: 'De tekst onder het laatste actiepunt (paginavoet van de site).', en: 'The text after the last action point (the site footer).' },
  source: { nl: 'Het brondocument (pad of URL).', en: 'The source document (path or URL).' },
  source_sha256: { nl: 'SHA-256 van de bytes van het brondocument.', en: 'SHA-256 of the source document bytes.' },
  numeral: { nl: 'Het Romeinse nummer van het thema (I, II, …).', en: 'The Roman numeral of the theme (I, II, …).' },
  name: { nl: 'De naam (van het thema of de organisatie).', en: 'The name (of the theme or the organisation).' },
  action_number: { nl: 'Het nummer van het actiepunt in het actieplan.', en: 'The number of the action point in the plan.' },
  theme_numeral: { nl: 'Het thema waaronder het actiepunt valt.', en: 'The theme the action point belongs to.' },
  ogp_commitment_id: { nl: 'Het nummer van het Open Government Partnership-commitment (NL0039 …).', en: 'The Open Government Partnership commitment id (NL0039 …).' },
  ogp_commitment_url: { nl: 'De pagina van dat commitment bij het Open Government Partnership.', en: 'The page of that commitment at the Open Government Partnership.' },
  latest_update: { nl: 'De laatste update die het actiepunt noemt.', en: 'The latest update that names the action point.' },
  latest_status: { nl: 'De status in die laatste update: new, no-update of repeated.', en: 'The status in that latest update: new, no-update or repeated.' },
  action_holders: { nl: 'De actiehouders, als organisatie-id’s.', en: 'The action holders, as organisation ids.' },
  partners: { nl: 'De partners, als organisatie-id’s.', en: 'The partners, as organisation ids.' },
  status: { nl: 'new: nieuwe tekst; no-update: geen nieuws; repeated: tekst van een eerdere update herhaald.', en: 'new: new text; no-update: no news; repeated: the text of an earlier update repeated.' },
  repeated_from: { nl: 'De datum van de update die herhaald wordt.', en: 'The date of the update that is repeated.' },
  repeats_update: { nl: 'Het nummer van de update die herhaald wordt, als de publicatiedatum bekend is.', en: 'The number of the repeated update, when its publication date is known.' },
  duration: { nl: 'De looptijd zoals de bron die noemt.', en: 'The duration as the source states it.' },
  text: { nl: 'De voortgangstekst van het actiepunt, met alinea’s.', en: 'The progress text of the action point, with its paragraphs.' },
  mentioned_dates: { nl: 'De volledige datums die de tekst noemt.', en: 'The full dates the text mentions.' },
  source_first_line: { nl: 'De eerste regel in de bron.', en: 'The first line in the source.' },
  source_last_line: { nl: 'De laatste regel in de bron.', en: 'The last line in the source.' },
  organisation_id: { nl: 'De id van de organisatie (uit het organisatieregister, of gemaakt van de naam).', en: 'The organisation id (from the registry, or made from the name).' },
  abbreviation: { nl: 'De afkorting van de organisatie.', en: 'The abbreviation of the organisation.' },
  kind: { nl: 'Soort organisatie: ministerie, gemeente, provincie of waterschap, als de naam dat zegt.', en: 'Kind of organisation: ministry, municipality, province or water board, when the name says so.' },
  tooi_uri: { nl: 'De URI van de organisatie in TOOI (Thesaurus en Ontologie Overheidsinformatie).', en: 'The organisation’s URI in TOOI (the Dutch government organisation thesaurus).' },
  owms_uri: { nl: 'De URI van de organisatie in OWMS, zoals data.overheid.nl die gebruikt.', en: 'The organisation’s OWMS URI, as data.overheid.nl uses it.' },
  in_registry: { nl: 'true als de organisatie in het organisatieregister staat, anders false.', en: 'true when the organisation is in the registry, else false.' },
  role: { nl: 'holder (actiehouder) of partner.', en: 'holder or partner.' },
  name_as_written: { nl: 'De naam zoals de update die schrijft.', en: 'The name as the update writes it.' },
  change_number: { nl: 'Volgnummer van de wijziging binnen de update.', en: 'The number of the change within the update.' },
  previous_update: { nl: 'De update waarmee vergeleken is.', en: 'The update it is compared with.' },
  change: { nl: 'Wat er veranderde: text-changed, status-changed, holder-added, holder-removed, partner-added, partner-removed, title-changed, action-added, action-missing.', en: 'What changed: text-changed, status-changed, holder-added, holder-removed, partner-added, partner-removed, title-changed, action-added, action-missing.' },
  before: { nl: 'De waarde in de vorige update.', en: 'The value in the previous update.' },
  after: { nl: 'De waarde in deze update.', en: 'The value in this update.' },
};

/** What a column means; every column of the release has one. */
export function meaningOf(column: string): Bilingual {
  const meaning = MEANINGS[column];
  if (!meaning) throw new OntsluitError('internal-error', `column ${column} has no meaning in pipeline/emit/columns.ts`, { location: { source: 'pipeline/emit/columns.ts' }, expected: 'a meaning for every column', found: column });
  return meaning;
}
