// What each file of a dataset holds, in Dutch and English: the dct:description of its dcat:Distribution.
import { formatLabel } from './landing-text.js';
import type { Bilingual } from './lang.js';

/** The tables of a dataset, by the name of their CSV file (README, "What lands in dist/"). */
const TABLES: Record<string, Bilingual> = {
  updates: { nl: 'één rij per update: nummer, titel, publicatiedatum (of de periode die de tekst toelaat), inleiding, voettekst, bron en de SHA-256 daarvan', en: 'one row per update: number, title, publication date (or the range the text supports), intro, footer, source and its SHA-256' },
  themes: { nl: 'de thema’s van het actieplan, met hun Romeinse nummer en het aantal actiepunten', en: 'the themes of the action plan, with their Roman numeral and number of action points' },
  actions: { nl: 'één rij per actiepunt: titel, thema, OGP-commitment, laatste update en status, actiehouders en partners', en: 'one row per action point: title, theme, OGP commitment, latest update and status, action holders and partners' },
  progress: { nl: 'één rij per update en actiepunt: status (nieuw, geen update, herhaald), de tekst, de genoemde datums en de bronregels', en: 'one row per update and action point: status (new, no update, repeated), the text, the dates it mentions and the source lines' },
  organisations: { nl: 'elke actiehouder en partner als organisatie: naam, afkorting, soort, TOOI- en OWMS-URI waar bekend', en: 'every action holder and partner as an organisation: name, abbreviation, kind, TOOI and OWMS URI where known' },
  roles: { nl: 'per update en actiepunt welke organisatie actiehouder of partner is, met de naam zoals geschreven', en: 'per update and action point which organisation is action holder or partner, with the name as written' },
  changes: { nl: 'wat er per actiepunt veranderde sinds de vorige update, met de waarde ervoor en erna', en: 'what changed per action point since the previous update, with the value before and after' },
};

const WHOLE: Record<string, Bilingual> = {
  'dataset.json': { nl: 'Alle tabellen van de dataset als één JSON-document.', en: 'All tables of the dataset as one JSON document.' },
  'dataset.schema.json': { nl: 'Het JSON Schema (2020-12) waaraan dataset.json voldoet.', en: 'The JSON Schema (2020-12) that dataset.json conforms to.' },
  'csv-metadata.json': {
    nl: 'CSVW-beschrijving (W3C CSV on the Web) van alle CSV-tabellen als één tabelgroep: kolommen, datatypes, titels in het Nederlands en Engels, primaire en vreemde sleutels.',
    en: 'CSVW description (W3C CSV on the Web) of every CSV table as one table group: columns, datatypes, titles in Dutch and English, primary and foreign keys.',
  },
  'datapackage.json': {
    nl: 'Frictionless Data Package van alle CSV-tabellen: Table Schema met types, primaire en vreemde sleutels, licentie en bronnen.',
    en: 'Frictionless Data Package of every CSV table: Table Schema with types, primary and foreign keys, licence and sources.',
  },
};

/** A description of a release file, from its name and type: a table, a description of the tables, the workbook, or the whole dataset in one format. */
export function describeFile(fileName: string, fileType: string): Bilingual {
  const csv = /^([a-z]+)\.csv$/.exec(fileName);
  if (csv && TABLES[csv[1]!]) {
    const table = TABLES[csv[1]!]!;
    return { nl: `CSV-tabel (RFC 4180, UTF-8): ${table.nl}.`, en: `CSV table (RFC 4180, UTF-8): ${table.en}.` };
  }
  if (WHOLE[fileName]) return WHOLE[fileName];
  if (fileName.endsWith('.xlsx'))
    return {
      nl: 'Werkmap (Office Open XML) met één blad per tabel, getypeerde cellen, kolomtitels in het Nederlands, en een eerste blad Toelichting met de betekenis van elke kolom.',
      en: 'Workbook (Office Open XML) with one sheet per table, typed cells, Dutch column titles, and a first sheet "Toelichting" explaining every column.',
    };
  const format = formatLabel(fileType);
  return { nl: `De hele dataset als RDF in ${format}.`, en: `The whole dataset as RDF in ${format}.` };
}
