// A history of the 2020-2022 plan (#2 text, #3 Markdown, #5 and #6 HTML; invented texts, see
// tests/fixtures/history/README.md): the progress rows, the repeats, the changes table, the vanished
// action and the identity check when a published update leaves the registry.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { UpdateRecord } from '../pipeline/record.js';
import { runPipeline, type RunResult } from '../pipeline/run.js';
import { DATA, FIXTURES, cli, tree, runOptions, type CliRun } from './helpers.js';

const HISTORY = join(FIXTURES, 'history');
const SLUG = 'actieplan-open-overheid-2020-2022';
const BASE = 'https://data.open-overheid.nl/id/actieplan/2020-2022';
/** A CSV row by column name (csv-parse with `columns: true`). */
type Row = Record<string, string> & Record<'text' | 'partners' | 'status' | 'mentioned_dates', string>;

const temp = (name: string) => mkdtempSync(join(tmpdir(), `ontsluit-history-${name}-`));


/** A copy of data/ with the fixtures in `updates/history/`. */
function historyData(): string {
  const dir = temp('data');
  cpSync(DATA, dir, { recursive: true });
  cpSync(HISTORY, join(dir, 'updates', 'history'), { recursive: true });
  return dir;
}

const rowsOf = (out: string, table: string): Row[] => parse(readFileSync(join(out, SLUG, `${table}.csv`)), { bom: true, columns: true }) as Row[];
const jsonOf = <T = any>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T; // eslint-disable-line @typescript-eslint/no-explicit-any
const key = (r: Row) => `${r.update_number}/${r.action_number}`;

/** `ontsluit run` over the history with the fixtures' registry (or another one). */
function run(data: string, out: string, extra: string[] = [], sources = join(data, 'updates', 'history', 'sources.json')) {
  return cli(['run', '--data', data, '--sources', sources, '--out', out, '--state-dir', join(data, 'state'), '--url-check', 'none', ...extra]);
}

let data: string;
let out: string;
let first: CliRun;
let progress: Map<string, Row>;

beforeAll(async () => {
  data = historyData();
  out = join(temp('out'), 'release');
  first = await run(data, out);
  progress = new Map(rowsOf(out, 'progress').map((r) => [key(r), r]));
});

const row = (update: number, action: number): Row => {
  const found = progress.get(`${update}/${action}`);
  if (!found) throw new Error(`no progress row for update ${update}, action ${action}`);
  return found;
};

describe('a run over four updates (#2, #3, #5, #6)', () => {
  it('publishes, with only the vanished action as warnings', async () => {
    expect(first.stderr).toContain('4 source(s), 0 error(s), 1 warning(s)');
    expect(first.status).toBe(0);
    const report = jsonOf(join(out, 'validation-report.json'));
    expect(report.valid).toBe(true);
    expect(report.warnings.map((w: { type: string }) => w.type)).toEqual(['missing-actions']);
  });

  it('updates.csv: four updates, dates from the documents, a range for #2', async () => {
    const updates = rowsOf(out, 'updates');
    expect(updates.map((u) => [u.update_number, u.published, u.published_not_before, u.published_not_after, u.action_count, u.source])).toEqual([
      ['2', '', '2021-06-21', '', '13', 'updates/history/update-02.txt'],
      ['3', '2021-09-06', '', '', '13', 'updates/history/update-03.md'],
      ['5', '2021-12-06', '', '', '13', 'updates/history/update-05.html'],
      ['6', '2022-02-21', '', '', '12', 'updates/history/update-06.html'],
    ]);
    expect(updates.map((u) => u.title)).toEqual([2, 3, 5, 6].map((n) => `Update #${n} Actieplan Open Overheid 2020-2022`));
    // The sidebar ("Meld bijeenkomst aan") and the share buttons are page chrome, not the update's footer.
    expect(updates.map((u) => u.footer).slice(1)).toEqual([
      'Meer weten? Bekijk het Actieplan Open Overheid 2020-2022 voor meer informatie.',
      'Meer weten? Bekijk het Actieplan Open Overheid 2020-2022 voor meer informatie.',
      'Lees alle updates over het Actieplan Open Overheid 2020-2022.',
    ]);
  });

  it('progress.csv: 13 + 13 + 13 + 12 rows; action 12 has none in #6', async () => {
    const rows = rowsOf(out, 'progress');
    expect(rows).toHaveLength(51);
    expect([2, 3, 5, 6].map((u) => rows.filter((r) => r.update_number === String(u)).length)).toEqual([13, 13, 13, 12]);
    expect(progress.has('6/12')).toBe(false);
    expect(progress.has('5/12')).toBe(true);
  });

  it('progress.csv: the repeats link back to the update they repeat', async () => {
    // #5 action 1: "Daarom nogmaals de laatste update (6 september 2021):" and #3's text, read from Markdown then HTML.
    expect(row(5, 1)).toMatchObject({ status: 'repeated', repeated_from: '2021-09-06', repeats_update: '3' });
    expect(row(5, 1).text).toBe(row(3, 1).text);
    expect(row(5, 1).text).toContain('‘transparantie van de interne organisatie’');
    // #6 action 1 repeats the same update again; #6 action 2 is the two-paragraph form ("Vorige update (…)").
    expect(row(6, 1)).toMatchObject({ status: 'repeated', repeated_from: '2021-09-06', repeats_update: '3' });
    expect(row(6, 2)).toMatchObject({ status: 'repeated', repeated_from: '2021-12-06', repeats_update: '5' });
    expect(row(6, 2).text).toBe(row(5, 2).text);
    expect(row(6, 2).text).not.toMatch(/geen nieuwe update|Vorige update/);
    // #3 action 13: the no-update sentence only.
    expect(row(3, 13)).toMatchObject({ status: 'no-update', repeated_from: '', repeats_update: '', text: '' });
    // Every other row is new progress text.
    const others = [...progress.values()].filter((r) => !['5/1', '6/1', '6/2', '3/13'].includes(key(r)));
    expect(others.every((r) => r.status === 'new' && r.repeated_from === '' && r.repeats_update === '' && r.text !== '')).toBe(true);
  });

  it('progress.csv: texts keep the added paragraph, the sub-heading and its bullets; dates are found', async () => {
    expect(row(3, 5).text.startsWith(`${row(2, 5).text}\n\n`)).toBe(true);
    expect(row(3, 5).text).toContain('op 14 september 2021');
    expect(row(3, 5).mentioned_dates).toBe('2021-07-01; 2021-09-14');
    expect(row(3, 7).text).toContain('\n\nVoortgang september 2021\n\n- Analyse van de interviews');
    expect(row(5, 9).mentioned_dates).toBe('2021-11-08');
    expect(row(5, 9).text).toContain('de beleidsreactie op het OSF-rapport naar de Tweede Kamer');
    expect(row(5, 9).text).not.toContain('opent in een nieuw venster');
    // The caption between the holder lines and the text of #5 action 10 is dropped.
    expect(row(5, 10).text.startsWith('De pilots om data beter inzichtelijk te maken zijn afgerond.')).toBe(true);
    expect(row(5, 10).mentioned_dates).toBe('2021-11-25');
    // Entities: &nbsp; is a space, &rsquo; a ’.
    expect(row(5, 8).text).toContain('De dilemma’s uit de sessies');
    expect([...progress.values()].some((r) => /\u00a0|&nbsp;|&rsquo;|&lsquo;|&euml;/.test(r.text))).toBe(false);
  });

  it('actions.csv: the latest update and status of each action', async () => {
    const actions = rowsOf(out, 'actions');
    expect(actions.map((a) => [Number(a.action_number), Number(a.latest_update), a.latest_status])).toEqual([
      [1, 6, 'repeated'],
      [2, 6, 'repeated'],
      [3, 6, 'new'],
      [4, 6, 'new'],
      [5, 6, 'new'],
      [6, 6, 'new'],
      [7, 6, 'new'],
      [8, 6, 'new'],
      [9, 6, 'new'],
      [10, 6, 'new'],
      [11, 6, 'new'],
      [12, 5, 'new'],
      [13, 6, 'new'],
    ]);
    const byNumber = new Map(actions.map((a) => [a.action_number, a]));
    expect(byNumber.get('6')!.partners.split('; ')).toEqual(['gemeenten', 'provincies', 'waterschappen', 'ministeries', 'stichting-lezen-en-schrijven']);
    expect(byNumber.get('8')!.partners).toBe('vereniging-van-nederlandse-gemeenten');
    expect(byNumber.get('7')!.title).toBe('De toekomst van ‘Beleidsintimiteit’');
    expect(byNumber.get('12')!.theme_numeral).toBe('VI');
  });

  it('changes.csv: exactly the designed changes', async () => {
    const changes = rowsOf(out, 'changes');
    const shown = changes.map((c) => [Number(c.update_number), Number(c.action_number), c.change, c.change === 'text-changed' ? '…' : c.before, c.change === 'text-changed' ? '…' : c.after].join(' '));
    const text = (update: number, actions: number[]) => actions.map((a) => `${update} ${a} text-changed … …`);
    expect(shown).toEqual([
      ...text(3, [1, 2, 3, 4, 5, 6, 7]),
      '3 8 partner-added  vereniging-van-nederlandse-gemeenten',
      ...text(3, [8, 9, 10, 11, 12]),
      '3 13 status-changed new no-update',
      '5 1 status-changed new repeated',
      ...text(5, [2, 3, 4, 5]),
      '5 6 partner-removed nederlandse-taalunie ',
      ...text(5, [6, 7, 8, 9, 10, 11, 12]),
      '5 13 status-changed no-update new',
      '5 13 text-changed … …',
      '6 2 status-changed new repeated',
      ...text(6, [3, 4, 5, 6, 7, 8, 9, 10]),
      '6 12 action-missing Open Algoritmen ',
      '6 13 text-changed … …',
    ]);
    // previous_update is the update before in the registry; change numbers count within an update.
    expect(new Set(changes.map((c) => `${c.update_number}<${c.previous_update}`))).toEqual(new Set(['3<2', '5<3', '6<5']));
    expect(changes.filter((c) => c.update_number === '5').map((c) => Number(c.change_number))).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    // A text change holds both texts, as the progress rows have them.
    for (const c of changes.filter((x) => x.change === 'text-changed')) {
      const previous = c.previous_update === '3' && c.action_number === '13' ? '' : row(Number(c.previous_update), Number(c.action_number)).text;
      expect([c.before, c.after]).toEqual([previous, row(Number(c.update_number), Number(c.action_number)).text]);
    }
    // Nothing for an unchanged text (#6 action 11, status new) nor for a repeat of a repeat (#6 action 1).
    expect(row(6, 11).text).toBe(row(5, 11).text);
    expect(changes.filter((c) => key(c) === '6/11' || key(c) === '6/1')).toEqual([]);
  });

  it('validation-report.json: action 12 vanishing from update 6 is a missing-actions warning', async () => {
    const report = jsonOf(join(out, 'validation-report.json'));
    const missing = report.warnings.filter((w: { type: string }) => w.type === 'missing-actions');
    expect(missing.length).toBeGreaterThan(0);
    for (const w of missing) expect(w).toMatchObject({ severity: 'warning', source: expect.stringMatching(/update-06\.html$/) });
    expect(missing.some((w: { message: string }) => /\baction 12 of update 5 is missing from update 6\b/.test(w.message))).toBe(true);
    const task = report.tasks.find((t: { place: string }) => t.place.endsWith('update-06.html'));
    expect(task.warnings.map((w: { type: string }) => w.type)).toEqual(['missing-actions']);
  });

  it('links stay out of the dataset but are in the parsed record', async () => {
    const dataset = jsonOf(join(out, SLUG, 'dataset.json'));
    expect(dataset.progress).toHaveLength(51);
    expect(dataset.progress.every((p: object) => !('links' in p))).toBe(true);
    expect(Object.keys(rowsOf(out, 'progress')[0]!)).not.toContain('links');
    expect(dataset.progress.find((p: { updateNumber: number; actionNumber: number }) => p.updateNumber === 5 && p.actionNumber === 1)).toMatchObject({ repeatedFrom: '2021-09-06', repeatsUpdate: 3 });
    const parsed = await cli(['parse', join(HISTORY, 'update-05.html')]);
    expect(parsed.status).toBe(0);
    const record = JSON.parse(parsed.stdout) as UpdateRecord;
    expect(record.actions.find((a) => a.number === 9)!.links).toEqual([
      { text: 'beleidsreactie op het OSF-rapport', href: 'https://www.rijksoverheid.nl/documenten/kamerstukken/2021/11/08/kamerbrief-over-beleidsreactie-op-het-rapport-hoe-ontsluiten-wij-inkoopinformatie' },
    ]);
  });

  it('no caption, site chrome or script text anywhere in the release', async () => {
    for (const [path, bytes] of tree(out)) {
      const text = bytes.toString('utf8');
      for (const chrome of ['Beeld: ©Rijksoverheid', '©Rijksoverheid', 'Beeld:', 'Deel dit bericht', 'Deel deze pagina', 'Recente berichten', 'dataLayer', 'jQuery', 'Geplaatst op', 'Nieuwsbericht'])
        expect(text.includes(chrome), `${chrome} in ${path}`).toBe(false);
    }
  });
});

describe('each fixture on its own (`ontsluit parse`)', () => {
  const THEMES = { I: [1, 2, 3], II: [4, 5], III: [6], IV: [7, 8], V: [9], VI: [10, 11, 12], VII: [13] } as Record<string, number[]>;
  const themeOf = (n: number) => Object.keys(THEMES).find((t) => THEMES[t]!.includes(n));

  it.each([
    ['update-02.txt', 2, null, 13],
    ['update-03.md', 3, '2021-09-06', 13],
    ['update-05.html', 5, '2021-12-06', 13],
    ['update-06.html', 6, '2022-02-21', 12],
  ] as const)('%s: exit 0, update %i, published %s, %i actions under the right themes', async (name, number, published, count) => {
    const parsed = await cli(['parse', join(HISTORY, name)]);
    expect(parsed.stderr).not.toMatch(/^error/m);
    expect(parsed.status).toBe(0);
    const record = JSON.parse(parsed.stdout) as UpdateRecord;
    expect(record).toMatchObject({ updateNumber: number, published, plan: 'Actieplan Open Overheid 2020-2022' });
    expect(record.themes.map((t) => `${t.numeral} ${t.name}`)).toEqual(['I Open Democratie', 'II Open Informatie', 'III Open Communicatie', 'IV Open Organisatie', 'V Open Inkoop', 'VI Open Technologie', 'VII Open Recht']);
    expect(record.actions).toHaveLength(count);
    const expected = Array.from({ length: 13 }, (_, i) => i + 1).filter((n) => count === 13 || n !== 12);
    expect(record.actions.map((a) => a.number)).toEqual(expected);
    for (const action of record.actions) expect(action.theme, `action ${action.number}`).toBe(themeOf(action.number));
    expect(record.actions.every((a) => a.actionHolders.length > 0)).toBe(true);
  });
});

describe('in process (runPipeline)', () => {
  let result: RunResult;
  beforeAll(async () => {
    result = await runPipeline(
      runOptions({ data, sources: join(data, 'updates', 'history', 'sources.json'), out: join(temp('in-process'), 'release'), clock: () => new Date('2026-11-29T12:00:00Z') }, { check: false }),
    );
  });

  it('every source is valid; only update 6 has warnings', async () => {
    expect(result.report.valid).toBe(true);
    expect(result.report.errors).toEqual([]);
    expect(result.report.tasks.map((t) => [t.name, t.stats.records, t.warnings.length])).toEqual([
      ['2020-2022-update-02', 13, 0],
      ['2020-2022-update-03', 13, 0],
      ['2020-2022-update-05', 13, 0],
      ['2020-2022-update-06', 12, 1],
    ]);
    expect(result.report.tasks[3]!.warnings.map((w) => w.message)).toEqual(['action 12 of update 5 is missing from update 6']);
  });

  it('the holders and partners are the same organisations in every update (no holder changes)', async () => {
    const dataset = JSON.parse(result.files.find((f) => f.path === `${SLUG}/dataset.json`)!.bytes.toString('utf8'));
    expect(dataset.changes.filter((c: { change: string }) => c.change.startsWith('holder-'))).toEqual([]);
    expect(dataset.organisations.every((o: { inRegistry: boolean }) => o.inRegistry)).toBe(true);
    const partners = (u: number, a: number) => dataset.roles.filter((r: { updateNumber: number; actionNumber: number; role: string }) => r.updateNumber === u && r.actionNumber === a && r.role === 'partner').map((r: { organisationId: string }) => r.organisationId);
    expect(partners(2, 8)).toEqual([]);
    expect(partners(3, 8)).toEqual(['vereniging-van-nederlandse-gemeenten']);
    expect(partners(3, 6)).toContain('nederlandse-taalunie');
    expect(partners(5, 6)).not.toContain('nederlandse-taalunie');
  });
});

describe('the themes table after an action vanished', () => {
  // #6 lacks action 12 (theme VI): the theme still counts it, as actions.csv still lists it.
  it('action_count of each theme is the number of its actions in actions.csv', async () => {
    const actions = rowsOf(out, 'actions');
    const themes = rowsOf(out, 'themes');
    expect(themes.map((t) => [t.numeral, Number(t.action_count)])).toEqual(themes.map((t) => [t.numeral, actions.filter((a) => a.theme_numeral === t.numeral).length]));
  });
});

describe('a published update removed from the registry', () => {
  it('stops the publish until its IRIs are withdrawn on record', async () => {
    expect(first.status).toBe(0);
    const registry = jsonOf<{ sources: { updateNumber: number }[] }>(join(data, 'updates', 'history', 'sources.json'));
    const without03 = join(data, 'updates', 'history', 'sources-without-03.json');
    writeFileSync(without03, JSON.stringify({ sources: registry.sources.filter((s) => s.updateNumber !== 3) }, null, 2));
    const before = tree(out);

    // Without a withdrawal record: refused, and the published release stays as it was.
    const refused = await run(data, out, ['--previous', out], without03);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('identity problem');
    expect(refused.stderr).toContain('not published; the previous release is unchanged');
    const after = tree(out);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [path, bytes] of before) expect(after.get(path)!.equals(bytes), `${path} changed`).toBe(true);

    // The check names every IRI that would disappear: update 3 and its 13 progress entries.
    const checkJson = join(temp('check'), 'check-report.json');
    const check = await cli(['check', '--data', data, '--sources', without03, '--previous', out, '--url-check', 'none', '--json', checkJson, '--state-dir', join(data, 'state')]);
    expect(check.status).toBe(1);
    const identity = jsonOf<{ identity: { kind: string; iri: string }[] }>(checkJson).identity;
    expect(identity.every((p) => p.kind === 'disappeared')).toBe(true);
    expect(identity.map((p) => p.iri).sort()).toEqual([`${BASE}/update/3`, ...Array.from({ length: 13 }, (_, i) => `${BASE}/update/3/actiepunt/${i + 1}`)].sort());

    // With those IRIs withdrawn on record: published, without update 3.
    const withdrawn = jsonOf(join(data, 'withdrawn.json'));
    withdrawn.withdrawn = identity.map((p) => ({ iri: p.iri, date: '2026-11-29', reason: 'Update #3 is taken out of the registry (test).' }));
    writeFileSync(join(data, 'withdrawn.json'), JSON.stringify(withdrawn, null, 2));
    const passed = await run(data, out, ['--previous', out], without03);
    expect(passed.stderr).toContain('3 source(s), 0 error(s)');
    expect(passed.status).toBe(0);
    expect(jsonOf(join(out, 'check-report.json')).identity).toEqual([]);
    expect(rowsOf(out, 'updates').map((u) => u.update_number)).toEqual(['2', '5', '6']);
    const repeat = rowsOf(out, 'progress').find((r) => key(r) === '5/1')!;
    expect(repeat).toMatchObject({ status: 'repeated', repeated_from: '2021-09-06', repeats_update: '' });
    expect(rowsOf(out, 'changes').filter((c) => c.update_number === '5').every((c) => c.previous_update === '2')).toBe(true);
  });
});
