// The CSV tables of a dataset: columns, titles (nl, en), datatypes and keys; shared by CSV and CSVW.
import type { Dataset } from '../model.js';
import type { Bilingual } from './lang.js';

export type Datatype = 'string' | 'integer' | 'date' | 'boolean' | 'anyURI';
type Cell = string | number | boolean | null;

export interface Column<Row> {
  name: string;
  titles: Bilingual;
  datatype: Datatype;
  required: boolean;
  /** For list values: the separator between items in one cell. */
  separator?: string;
  value: (row: Row) => Cell | Cell[];
}

export interface Table<Row> {
  name: string;
  titles: Bilingual;
  description: Bilingual;
  rows: (dataset: Dataset) => Row[];
  columns: Column<Row>[];
  primaryKey: string[];
  foreignKeys: { columns: string[]; table: string; reference: string[] }[];
}

type Rows<K extends keyof Dataset> = Dataset[K] extends (infer R)[] ? R : never;

const col = <Row>(name: string, nl: string, en: string, datatype: Datatype, required: boolean, value: Column<Row>['value'], separator?: string): Column<Row> =>
  separator === undefined ? { name, titles: { nl, en }, datatype, required, value } : { name, titles: { nl, en }, datatype, required, value, separator };

const LIST = '; ';

export const updatesTable: Table<Rows<'updates'>> = {
  name: 'updates',
  titles: { nl: 'Updates', en: 'Updates' },
  description: { nl: 'Eén rij per voortgangsupdate van het actieplan.', en: 'One row per progress update of the plan.' },
  rows: (d) => d.updates,
  primaryKey: ['plan', 'update_number'],
  foreignKeys: [],
  columns: [
    col('plan', 'Actieplan', 'Action plan', 'string', true, (r) => r.plan),
    col('update_number', 'Updatenummer', 'Update number', 'integer', true, (r) => r.updateNumber),
    col('title', 'Titel', 'Title', 'string', true, (r) => r.title),
    col('published', 'Publicatiedatum', 'Publication date', 'date', false, (r) => r.published),
    col('published_not_before', 'Gepubliceerd niet voor', 'Published not before', 'date', false, (r) => r.publishedNotBefore),
    col('published_not_after', 'Gepubliceerd niet na', 'Published not after', 'date', false, (r) => r.publishedNotAfter),
    col('action_count', 'Aantal actiepunten', 'Number of action points', 'integer', true, (r) => r.actionCount),
    col('intro', 'Inleiding', 'Introduction', 'string', false, (r) => r.intro),
    col('footer', 'Paginavoet', 'Page footer', 'string', false, (r) => r.footer),
    col('source', 'Bron', 'Source', 'string', true, (r) => r.source),
    col('source_sha256', 'SHA-256 van de bron', 'Source SHA-256', 'string', true, (r) => r.sourceSha256),
  ],
};

export const themesTable: Table<Rows<'themes'>> = {
  name: 'themes',
  titles: { nl: "Thema's", en: 'Themes' },
  description: { nl: "De thema's van het actieplan.", en: 'The themes of the plan.' },
  rows: (d) => d.themes,
  primaryKey: ['plan', 'numeral'],
  foreignKeys: [],
  columns: [
    col('plan', 'Actieplan', 'Action plan', 'string', true, (r) => r.plan),
    col('numeral', 'Themanummer', 'Theme numeral', 'string', true, (r) => r.numeral),
    col('name', 'Naam', 'Name', 'string', true, (r) => r.name),
    col('action_count', 'Aantal actiepunten', 'Number of action points', 'integer', true, (r) => r.actionCount),
  ],
};

export const actionsTable: Table<Rows<'actions'>> = {
  name: 'actions',
  titles: { nl: 'Actiepunten', en: 'Action points' },
  description: { nl: 'De actiepunten met hun thema, OGP-commitment en laatste status.', en: 'The action points with their theme, OGP commitment and latest status.' },
  rows: (d) => d.actions,
  primaryKey: ['plan', 'action_number'],
  foreignKeys: [{ columns: ['plan', 'theme_numeral'], table: 'themes', reference: ['plan', 'numeral'] }],
  columns: [
    col('plan', 'Actieplan', 'Action plan', 'string', true, (r) => r.plan),
    col('action_number', 'Actiepuntnummer', 'Action number', 'integer', true, (r) => r.actionNumber),
    col('title', 'Titel', 'Title', 'string', true, (r) => r.title),
    col('theme_numeral', 'Themanummer', 'Theme numeral', 'string', false, (r) => r.themeNumeral),
    col('ogp_commitment_id', 'OGP-commitmentnummer', 'OGP commitment id', 'string', false, (r) => r.ogpCommitmentId),
    col('ogp_commitment_url', 'OGP-commitmentpagina', 'OGP commitment page', 'anyURI', false, (r) => r.ogpCommitmentUrl),
    col('latest_update', 'Laatste update', 'Latest update', 'integer', true, (r) => r.latestUpdate),
    col('latest_status', 'Laatste status', 'Latest status', 'string', true, (r) => r.latestStatus),
    col('action_holders', 'Actiehouders', 'Action holders', 'string', true, (r) => r.actionHolders, LIST),
    col('partners', 'Partners', 'Partners', 'string', false, (r) => r.partners, LIST),
  ],
};

export const progressTable: Table<Rows<'progress'>> = {
  name: 'progress',
  titles: { nl: 'Voortgang', en: 'Progress' },
  description: { nl: 'Eén rij per update en actiepunt: status en tekst.', en: 'One row per update and action point: status and text.' },
  rows: (d) => d.progress,
  primaryKey: ['plan', 'update_number', 'action_number'],
  foreignKeys: [
    { columns: ['plan', 'update_number'], table: 'updates', reference: ['plan', 'update_number'] },
    { columns: ['plan', 'action_number'], table: 'actions', reference: ['plan', 'action_number'] },
  ],
  columns: [
    col('plan', 'Actieplan', 'Action plan', 'string', true, (r) => r.plan),
    col('update_number', 'Updatenummer', 'Update number', 'integer', true, (r) => r.updateNumber),
    col('action_number', 'Actiepuntnummer', 'Action number', 'integer', true, (r) => r.actionNumber),
    col('status', 'Status', 'Status', 'string', true, (r) => r.status),
    col('repeated_from', 'Herhaalt update van', 'Repeats update of', 'date', false, (r) => r.repeatedFrom),
    col('repeats_update', 'Herhaalt update', 'Repeats update', 'integer', false, (r) => r.repeatsUpdate),
    col('duration', 'Looptijd', 'Duration', 'string', false, (r) => r.duration),
    col('text', 'Tekst', 'Text', 'string', false, (r) => r.text),
    col('mentioned_dates', 'Genoemde datums', 'Mentioned dates', 'date', false, (r) => r.mentionedDates, LIST),
    col('source_first_line', 'Eerste bronregel', 'First source line', 'integer', true, (r) => r.sourceFirstLine),
    col('source_last_line', 'Laatste bronregel', 'Last source line', 'integer', true, (r) => r.sourceLastLine),
  ],
};

export const organisationsTable: Table<Rows<'organisations'>> = {
  name: 'organisations',
  titles: { nl: 'Organisaties', en: 'Organisations' },
  description: { nl: 'De actiehouders en partners als organisaties, met TOOI- en OWMS-URI waar bekend.', en: 'Action holders and partners as organisations, with TOOI and OWMS URIs where known.' },
  rows: (d) => d.organisations,
  primaryKey: ['organisation_id'],
  foreignKeys: [],
  columns: [
    col('organisation_id', 'Organisatie-id', 'Organisation id', 'string', true, (r) => r.id),
    col('name', 'Naam', 'Name', 'string', true, (r) => r.name),
    col('abbreviation', 'Afkorting', 'Abbreviation', 'string', false, (r) => r.abbreviation),
    col('kind', 'Soort', 'Kind', 'string', false, (r) => r.kind),
    col('tooi_uri', 'TOOI-URI', 'TOOI URI', 'anyURI', false, (r) => r.tooiUri),
    col('owms_uri', 'OWMS-URI', 'OWMS URI', 'anyURI', false, (r) => r.owmsUri),
    col('in_registry', 'In organisatieregister', 'In organisation registry', 'boolean', true, (r) => r.inRegistry),
  ],
};

export const rolesTable: Table<Rows<'roles'>> = {
  name: 'roles',
  titles: { nl: 'Rollen', en: 'Roles' },
  description: { nl: 'Per update en actiepunt: welke organisatie actiehouder (holder) of partner is.', en: 'Per update and action point: which organisation is holder or partner.' },
  rows: (d) => d.roles,
  primaryKey: ['plan', 'update_number', 'action_number', 'organisation_id', 'role'],
  foreignKeys: [
    { columns: ['plan', 'update_number', 'action_number'], table: 'progress', reference: ['plan', 'update_number', 'action_number'] },
    { columns: ['organisation_id'], table: 'organisations', reference: ['organisation_id'] },
  ],
  columns: [
    col('plan', 'Actieplan', 'Action plan', 'string', true, (r) => r.plan),
    col('update_number', 'Updatenummer', 'Update number', 'integer', true, (r) => r.updateNumber),
    col('action_number', 'Actiepuntnummer', 'Action number', 'integer', true, (r) => r.actionNumber),
    col('organisation_id', 'Organisatie-id', 'Organisation id', 'string', true, (r) => r.organisationId),
    col('role', 'Rol', 'Role', 'string', true, (r) => r.role),
    col('name_as_written', 'Naam zoals geschreven', 'Name as written', 'string', true, (r) => r.nameAsWritten),
  ],
};

export const changesTable: Table<Rows<'changes'>> = {
  name: 'changes',
  titles: { nl: 'Wijzigingen', en: 'Changes' },
  description: {
    nl: 'Wat er per actiepunt veranderde ten opzichte van de vorige update: nieuwe tekst, andere status, nieuwe of vertrokken actiehouders en partners, ontbrekende actiepunten.',
    en: 'What changed per action point since the previous update: new text, another status, holders and partners who joined or left, missing action points.',
  },
  rows: (d) => d.changes,
  primaryKey: ['plan', 'update_number', 'change_number'],
  foreignKeys: [{ columns: ['plan', 'action_number'], table: 'actions', reference: ['plan', 'action_number'] }],
  columns: [
    col('plan', 'Actieplan', 'Action plan', 'string', true, (r) => r.plan),
    col('update_number', 'Updatenummer', 'Update number', 'integer', true, (r) => r.updateNumber),
    col('change_number', 'Wijzigingsnummer', 'Change number', 'integer', true, (r) => r.changeNumber),
    col('previous_update', 'Vorige update', 'Previous update', 'integer', true, (r) => r.previousUpdate),
    col('action_number', 'Actiepuntnummer', 'Action number', 'integer', true, (r) => r.actionNumber),
    col('change', 'Wijziging', 'Change', 'string', true, (r) => r.change),
    col('before', 'Was', 'Before', 'string', false, (r) => r.before),
    col('after', 'Wordt', 'After', 'string', false, (r) => r.after),
  ],
};

export const TABLES = [updatesTable, themesTable, actionsTable, progressTable, organisationsTable, rolesTable, changesTable] as Table<unknown>[];
