// Builds the dataset of one plan from its parsed updates: the entity tables every emitter writes.
import { byCodePoint } from './lib/compare.js';
import type { PlanSpec } from './config.js';
import type { Organisation, Registry } from './organisations.js';
import type { ActionStatus, UpdateRecord } from './record.js';
import { issue, type Issue } from './report.js';
import { romanValue } from './lib/roman.js';

export interface PlanRow {
  id: string;
  title: string;
  titleEn: string;
  ogpActionPlan: string;
}

export interface UpdateRow {
  plan: string;
  updateNumber: number;
  title: string;
  published: string | null;
  publishedNotBefore: string | null;
  publishedNotAfter: string | null;
  intro: string;
  footer: string;
  source: string;
  sourceSha256: string;
  actionCount: number;
}

export interface ThemeRow {
  plan: string;
  numeral: string;
  name: string;
  actionCount: number;
}

export interface ActionRow {
  plan: string;
  actionNumber: number;
  title: string;
  themeNumeral: string | null;
  ogpCommitmentId: string | null;
  ogpCommitmentUrl: string | null;
  latestUpdate: number;
  latestStatus: ActionStatus;
  actionHolders: string[];
  partners: string[];
}

export interface ProgressRow {
  plan: string;
  updateNumber: number;
  actionNumber: number;
  status: ActionStatus;
  repeatedFrom: string | null;
  /** The update of this plan published on `repeatedFrom`, when the registry knows that date. */
  repeatsUpdate: number | null;
  duration: string | null;
  text: string;
  mentionedDates: string[];
  sourceFirstLine: number;
  sourceLastLine: number;
}

export interface OrganisationRow {
  id: string;
  name: string;
  abbreviation: string | null;
  kind: string | null;
  tooiUri: string | null;
  owmsUri: string | null;
  inRegistry: boolean;
}

export interface RoleRow {
  plan: string;
  updateNumber: number;
  actionNumber: number;
  organisationId: string;
  role: 'holder' | 'partner';
  nameAsWritten: string;
}

export type ChangeKind = 'action-added' | 'action-missing' | 'status-changed' | 'text-changed' | 'title-changed' | 'holder-added' | 'holder-removed' | 'partner-added' | 'partner-removed';

/** What changed for one action from one update to the next (the analyst's "what's new"). */
export interface ChangeRow {
  plan: string;
  updateNumber: number;
  /** 1, 2, … within the update, in action order. */
  changeNumber: number;
  previousUpdate: number;
  actionNumber: number;
  change: ChangeKind;
  before: string | null;
  after: string | null;
}

export interface Dataset {
  plan: PlanRow;
  updates: UpdateRow[];
  themes: ThemeRow[];
  actions: ActionRow[];
  progress: ProgressRow[];
  organisations: OrganisationRow[];
  roles: RoleRow[];
  changes: ChangeRow[];
}

export interface ModelInput {
  plan: PlanSpec;
  /** Parsed updates of this plan; each must have an update number. */
  records: UpdateRecord[];
  registry: Registry;
}

/** Assembles the tables; problems that only show across updates or against the plan become issues. Linear in the input. */
export function buildDataset({ plan, records, registry }: ModelInput): { dataset: Dataset; issues: Issue[] } {
  const tables = new Tables(plan, registry);
  const sorted = [...records].sort((a, b) => (a.updateNumber ?? 0) - (b.updateNumber ?? 0));
  const seen = new Map<number, UpdateRecord>();
  const kept: UpdateRecord[] = [];
  for (const record of sorted) {
    const twin = seen.get(record.updateNumber ?? 0);
    if (twin) {
      const updateNumber = record.updateNumber ?? 0;
      tables.issues.push(issue('duplicate-update', `update ${updateNumber} of ${plan.title} comes from two sources`, { source: record.source.place, line: 1, field: 'updateNumber' }, { expected: `one source per update (${twin.source.place} has it already)`, found: String(updateNumber) }));
      continue;
    }
    seen.set(record.updateNumber ?? 0, record);
    tables.addUpdate(record, kept.at(-1));
    kept.push(record);
  }
  return { dataset: tables.dataset(compareUpdates(plan.id, kept, tables.roleIndex, tables.issues)), issues: tables.issues };
}

/** The tables of one plan as they are filled, update by update; every lookup is a Map or a Set. */
class Tables {
  readonly issues: Issue[] = [];
  private readonly commitments: Map<number, string | null>;
  private readonly organisations = new Map<string, Organisation>();
  private readonly themes = new Map<string, ThemeRow>();
  private readonly actions = new Map<number, ActionRow>();
  private readonly updates: UpdateRow[] = [];
  private readonly progress: ProgressRow[] = [];
  private readonly roles: RoleRow[] = [];
  /** `update/action/role` → the organisation ids in that role. */
  readonly roleIndex = new Map<string, Set<string>>();

  constructor(
    private readonly plan: PlanSpec,
    private readonly registry: Registry,
  ) {
    this.commitments = new Map(plan.actions.map((a) => [a.number, a.ogpCommitment]));
  }

  addUpdate(record: UpdateRecord, previous: UpdateRecord | undefined): void {
    const { plan } = this;
    const updateNumber = record.updateNumber ?? 0;
    const source = record.source.place;
    this.updates.push({
      plan: plan.id,
      updateNumber,
      title: record.title,
      published: record.published,
      publishedNotBefore: record.publishedRange?.notBefore ?? null,
      publishedNotAfter: record.publishedRange?.notAfter ?? null,
      intro: record.intro,
      footer: record.footer,
      source,
      sourceSha256: record.source.sha256,
      actionCount: record.actions.length,
    });
    for (const theme of record.themes) this.themes.set(theme.numeral, { plan: plan.id, numeral: theme.numeral, name: theme.name, actionCount: 0 });
    for (const action of record.actions) this.addAction(action, updateNumber, source);
    const present = new Set(record.actions.map((a) => a.number));
    // An action the previous update had is reported once, as vanished, by compareUpdates.
    const before = new Set(previous?.actions.map((a) => a.number) ?? []);
    const missing = plan.actions.filter((a) => !present.has(a.number) && !before.has(a.number)).map((a) => a.number);
    if (missing.length)
      this.issues.push(issue('missing-actions', `update ${updateNumber} has no entry for action(s) ${missing.join(', ')}`, { source, field: 'actions' }, { expected: `all ${plan.actions.length} actions of ${plan.title}`, found: `${present.size} action(s)`, severity: 'warning' }));
  }

  private addAction(action: UpdateRecord['actions'][number], updateNumber: number, source: string): void {
    const { plan } = this;
    const line = action.sourceLines[0];
    if (!this.commitments.has(action.number))
      this.issues.push(issue('unknown-action', `action ${action.number} is not an action of ${plan.title}`, { source, line, field: 'number' }, { expected: `an action number of the plan (${[...this.commitments.keys()].join(', ')})`, found: String(action.number) }));
    const at = { updateNumber, actionNumber: action.number, source, line };
    const holders = action.actionHolders.map((name) => this.addRole(name, 'holder', at));
    const partners = action.partners.map((name) => this.addRole(name, 'partner', at));
    const ogp = this.commitments.get(action.number) ?? null;
    this.actions.set(action.number, {
      plan: plan.id,
      actionNumber: action.number,
      title: action.title,
      themeNumeral: action.theme,
      ogpCommitmentId: ogp,
      ogpCommitmentUrl: ogp ? plan.commitmentUrlTemplate.replace('{id}', ogp) : null,
      latestUpdate: updateNumber,
      latestStatus: action.status,
      actionHolders: unique(holders),
      partners: unique(partners),
    });
    this.progress.push({
      plan: plan.id,
      updateNumber,
      actionNumber: action.number,
      status: action.status,
      repeatedFrom: action.repeatedFrom,
      repeatsUpdate: null,
      duration: action.duration ?? null,
      text: action.text,
      mentionedDates: action.mentionedDates,
      sourceFirstLine: action.sourceLines[0],
      sourceLastLine: action.sourceLines[1],
    });
  }

  /** Resolves a holder or partner name and records its role; returns the organisation id. */
  private addRole(name: string, role: RoleRow['role'], at: { updateNumber: number; actionNumber: number; source: string; line: number | undefined }): string {
    const { source, line } = at;
    const org = this.registry.resolve(name);
    if (!org.known)
      this.issues.push(issue('unknown-organisation', `${role === 'holder' ? 'action holder' : 'partner'} ${JSON.stringify(name)} is not in the organisation registry`, { source, line, field: role === 'holder' ? 'actionHolders' : 'partners' }, { expected: 'a name or alias in data/organisations.json', found: JSON.stringify(name), severity: 'warning' }));
    const existing = this.organisations.get(org.id);
    if (existing && existing.name !== org.name && !existing.known)
      this.issues.push(issue('unknown-organisation', `two spellings mint the same organisation id ${org.id}`, { source, line }, { expected: JSON.stringify(existing.name), found: JSON.stringify(org.name), severity: 'warning' }));
    if (!existing) this.organisations.set(org.id, org);
    // One role per organisation: "VNG en Vereniging van Nederlandse Gemeenten" names it twice.
    const key = roleKey(at.updateNumber, at.actionNumber, role);
    const ids = this.roleIndex.get(key) ?? new Set<string>();
    this.roleIndex.set(key, ids);
    if (!ids.has(org.id)) {
      ids.add(org.id);
      this.roles.push({ plan: this.plan.id, updateNumber: at.updateNumber, actionNumber: at.actionNumber, organisationId: org.id, role, nameAsWritten: name });
    }
    return org.id;
  }

  dataset(changes: ChangeRow[]): Dataset {
    const { plan } = this;
    // A theme counts the actions filed under it, over all updates (an action that vanished still counts).
    for (const action of this.actions.values()) {
      const theme = this.themes.get(action.themeNumeral ?? '');
      if (theme) theme.actionCount++;
    }
    const byDate = new Map(this.updates.filter((u) => u.published).map((u) => [u.published!, u.updateNumber]));
    for (const entry of this.progress) if (entry.repeatedFrom) entry.repeatsUpdate = byDate.get(entry.repeatedFrom) ?? null;
    return {
      plan: { id: plan.id, title: plan.title, titleEn: plan.titleEn, ogpActionPlan: plan.ogpActionPlan },
      updates: this.updates,
      themes: [...this.themes.values()].sort((a, b) => romanValue(a.numeral) - romanValue(b.numeral)),
      actions: [...this.actions.values()].sort((a, b) => a.actionNumber - b.actionNumber),
      progress: this.progress.sort((a, b) => a.updateNumber - b.updateNumber || a.actionNumber - b.actionNumber),
      organisations: [...this.organisations.values()]
        .map((o) => ({ id: o.id, name: o.name, abbreviation: o.abbreviation, kind: o.kind, tooiUri: o.tooi, owmsUri: o.owms, inRegistry: o.known }))
        .sort((a, b) => byCodePoint(a.id, b.id)),
      roles: this.roles,
      changes,
    };
  }
}

const roleKey = (update: number, action: number, role: RoleRow['role']) => `${update}/${action}/${role}`;

/** Compares each update with the one before it; an action that vanishes is also reported as an issue. */
function compareUpdates(plan: string, records: UpdateRecord[], roles: Map<string, Set<string>>, issues: Issue[]): ChangeRow[] {
  const changes: ChangeRow[] = [];
  const orgs = (update: number, action: number, role: RoleRow['role']) => roles.get(roleKey(update, action, role)) ?? new Set<string>();
  for (let i = 1; i < records.length; i++) {
    const previous = records[i - 1]!;
    const current = records[i]!;
    const [from, to] = [previous.updateNumber ?? 0, current.updateNumber ?? 0];
    const add = (actionNumber: number, change: ChangeKind, before: string | null, after: string | null) =>
      changes.push({ plan, updateNumber: to, changeNumber: 0, previousUpdate: from, actionNumber, change, before, after });
    const before = new Map(previous.actions.map((a) => [a.number, a]));
    for (const action of current.actions) {
      const old = before.get(action.number);
      if (!old) {
        add(action.number, 'action-added', null, action.title);
        continue;
      }
      if (old.title !== action.title) add(action.number, 'title-changed', old.title, action.title);
      if (old.status !== action.status) add(action.number, 'status-changed', old.status, action.status);
      if (action.status === 'new' && old.text !== action.text) add(action.number, 'text-changed', old.text, action.text);
      for (const role of ['holder', 'partner'] as const) {
        const was = orgs(from, action.number, role);
        const is = orgs(to, action.number, role);
        for (const id of [...is].filter((x) => !was.has(x)).sort()) add(action.number, `${role}-added`, null, id);
        for (const id of [...was].filter((x) => !is.has(x)).sort()) add(action.number, `${role}-removed`, id, null);
      }
    }
    const present = new Set(current.actions.map((a) => a.number));
    for (const old of previous.actions.filter((a) => !present.has(a.number))) {
      add(old.number, 'action-missing', old.title, null);
      issues.push(issue('missing-actions', `action ${old.number} of update ${from} is missing from update ${to}`, { source: current.source.place, field: 'actions' }, { expected: `action ${old.number} (${old.title})`, found: 'no entry', severity: 'warning' }));
    }
  }
  changes.sort((a, b) => a.updateNumber - b.updateNumber || a.actionNumber - b.actionNumber || byCodePoint(a.change, b.change) || byCodePoint(a.before ?? a.after ?? '', b.before ?? b.after ?? ''));
  changes.forEach((c, i) => (c.changeNumber = i === 0 || changes[i - 1]!.updateNumber !== c.updateNumber ? 1 : changes[i - 1]!.changeNumber + 1));
  return changes;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
