// The seed (Update #2, 2020-2022) parsed as the issue specifies it, action by action.
import { describe, expect, it } from 'vitest';
import { SEED, parseFile, project, seedText } from '../helpers.js';

const parsed = await parseFile(SEED, 'data/updates/update-02.txt');
const { record, issues } = parsed;
const action = (n: number) => record.actions.find((a) => a.number === n)!;

describe('seed: Update #2 Actieplan Open Overheid 2020-2022', () => {
  it('parses without issues and passes the record schema', () => {
    expect(issues).toEqual([]);
    expect(project().validator.validate('update', record, 'seed')).toEqual([]);
  });

  it('reads plan, update number and title from the title line', () => {
    expect(record.plan).toBe('Actieplan Open Overheid 2020-2022');
    expect(record.updateNumber).toBe(2);
    expect(record.title).toBe('Update #2 Actieplan Open Overheid 2020-2022');
    expect(record.published).toBeNull();
  });

  it('finds the seven themes in document order', () => {
    expect(record.themes.map((t) => `${t.numeral} ${t.name}`)).toEqual([
      'I Open Democratie',
      'II Open Informatie',
      'III Open Communicatie',
      'IV Open Organisatie',
      'V Open Inkoop',
      'VI Open Technologie',
      'VII Open Recht',
    ]);
  });

  it('finds actions 1 to 13, each under its theme', () => {
    expect(record.actions.map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(record.actions.map((a) => a.theme)).toEqual(['I', 'I', 'I', 'II', 'II', 'III', 'IV', 'IV', 'V', 'VI', 'VI', 'VI', 'VII']);
    expect(action(7).title).toBe('De toekomst van ‘Beleidsintimiteit’');
    expect(record.actions.every((a) => a.status === 'new' && a.repeatedFrom === null)).toBe(true);
  });

  it('splits holders and partners as the issue lists them', () => {
    expect(action(3).actionHolders).toEqual(['Ministerie van BZK', 'Vereniging van Nederlandse Gemeenten (VNG)']);
    expect(action(8).actionHolders).toEqual(['Ministerie van Algemene Zaken (AZ)', 'Voorlichtingsraad']);
    expect(action(8).partners).toEqual([]);
    expect(action(8).partnersLine).toBeNull();
    expect(action(10).actionHolders).toEqual(['Ministerie van BZK', 'Kennis- en exploitatiecentrum Officiële Overheidspublicaties (KOOP)', 'data.overheid.nl']);
    expect(action(13).partners[0]).toBe('Nationale en lokale ombudsmannen');
    expect(action(13).partners.slice(-2)).toEqual(['Pathfinders for Justice', 'NYU-CIC']);
    expect(action(6).partners.slice(-2)).toEqual(['Nederlandse Taalunie', 'Lezen en Schrijven']);
    expect(action(12).partners).toEqual(['Ministerie van Justitie en Veiligheid', 'Algemene Rekenkamer', 'ICTU (Leer- en Expertisepunt Datagedreven werken)']);
    expect(action(1).partners).toEqual(['Partijen die betrokken zijn in elk wetgevingsproces (ministeries, Raad van State)']);
  });

  it('keeps the raw holder and partner lines', () => {
    expect(action(6).partnersLine).toBe('Verschillende gemeenten, provincies, waterschappen, ministeries en met de Nederlandse Taalunie en ‘Lezen en Schrijven’');
    expect(action(3).actionHoldersLine).toBe('Ministerie van BZK en Vereniging van Nederlandse Gemeenten (VNG)');
  });

  it('gives each action its source lines', () => {
    expect(action(1).sourceLines).toEqual([5, 10]);
    expect(action(7).sourceLines).toEqual([45, 54]);
    expect(action(13).sourceLines).toEqual([85, 88]);
  });

  it('writes text as paragraphs, bullets and sub-headings, without holder lines', () => {
    expect(action(4).text).toContain('willen we:\n\n- de nieuwe werkgroep leden op gang helpen;\n- een concept plan van aanpak opleveren;\n- de nieuwe detailplanning doornemen met de deelnemers.\n\nNa de zomer');
    expect(action(7).text).toContain('\n\nVoortgang juni 2021\n\n- Analyse van enkele Wob-dossiers');
    for (const a of record.actions) {
      expect(a.text).not.toMatch(/Actiehouder:|In samenwerking met:/);
      expect(a.text.length).toBeGreaterThan(100);
    }
  });

  it('lists the full dates mentioned in each text', () => {
    expect(action(1).mentionedDates).toEqual(['2021-06-21']);
    expect(action(2).mentionedDates).toEqual(['2019-01-01']);
    expect(action(5).mentionedDates).toEqual(['2021-07-01']);
    expect(action(3).mentionedDates).toEqual([]); // "op 29 april" has no year
  });

  it('splits intro and footer from the actions', () => {
    expect(record.intro.split('\n\n')).toHaveLength(2);
    expect(record.intro).toMatch(/^Hoe staat het ervoor/);
    expect(record.footer).toBe(
      'Meer weten? Bekijk het Actieplan Open Overheid 2020-2022 voor meer informatie.\n\nMeld bijeenkomst aan\n\nOok in onze agenda verschijnen?\n\nMeld dan hier de bijeenkomst aan.',
    );
    expect(action(13).text).not.toContain('Meer weten');
  });

  it('loses no sentence: every source line lands in the title, intro, a theme, an action or the footer', () => {
    const pieces = [
      record.title,
      record.intro,
      record.footer,
      ...record.themes.map((t) => `${t.numeral} ${t.name}`),
      ...record.actions.flatMap((a) => [`${a.number}. ${a.title}`, `Actiehouder: ${a.actionHoldersLine}`, a.partnersLine ? `In samenwerking met: ${a.partnersLine}` : '', a.text]),
    ].join('\n');
    const lines = seedText().split('\n').map((l) => l.trim().replace(/^- /, '')).filter(Boolean);
    expect(lines).toHaveLength(92);
    for (const line of lines) expect(pieces).toContain(line);
  });
});
