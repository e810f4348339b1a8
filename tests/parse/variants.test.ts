// Page variants: bullets before holder lines, no-update and repeated statuses, other plans and headings.
import { describe, expect, it } from 'vitest';
import { fixture, parseFile } from '../helpers.js';

describe('bulleted holder lines and no-update statuses (Update #7 style)', async () => {
  const { record, issues } = await parseFile(fixture('bullets-and-repeated-status.txt'));
  const [one, two, three] = record.actions;

  it('reads holder lines behind •, - and * bullets, also in bold', () => {
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(one!.actionHolders).toEqual(['Ministerie van BZK']);
    expect(two!.partners).toEqual(['Kiesraad']);
    expect(three!.actionHolders).toEqual(['Ministerie van BZK', 'Vereniging van Nederlandse Gemeenten (VNG)']);
  });

  it('marks "Vorige update (date):" on its own line as repeated, with the date and the repeated text', () => {
    expect(one!.status).toBe('repeated');
    expect(one!.repeatedFrom).toBe('2022-02-21');
    expect(one!.text).toBe('Het wetsvoorstel is op 22 februari 2022 door de Tweede Kamer aangenomen.');
    expect(one!.mentionedDates).toEqual(['2022-02-22']);
  });

  it('marks "Daarom nogmaals de laatste update (date):" in the same paragraph as repeated', () => {
    expect(two!.status).toBe('repeated');
    expect(two!.repeatedFrom).toBe('2021-12-06');
    expect(two!.text).toBe('De Kiesraad publiceert de uitslagen per stembureau op 15 en 22 februari 2022.');
    expect(two!.mentionedDates).toEqual(['2022-02-15', '2022-02-22']);
  });

  it('marks the sentence alone as no-update with empty text, and keeps status markers out of text', () => {
    expect(three!.status).toBe('no-update');
    expect(three!.repeatedFrom).toBeNull();
    expect(three!.text).toBe('');
    expect(three!.partnersLine).toBeNull();
    for (const a of record.actions) expect(a.text).not.toMatch(/geen nieuwe update|Vorige update|nogmaals/);
  });
});

describe('numbered lists that are not actions, and "I. Theme" with a dot', async () => {
  const { record, issues } = await parseFile(fixture('numbered-lists-that-are-not-actions.txt'));

  it('keeps the reading list before the first theme in the intro', () => {
    expect(record.actions.map((a) => `${a.number}. ${a.title}`)).toEqual(['1. Transparantie in de Wet op de politieke partijen', '2. Vervolg Open Wob']);
    expect(record.intro).toContain('1. Lees het Actieplan Open Overheid 2020-2022 (pdf).');
  });

  it('keeps a numbered list inside an action in its text', () => {
    expect(record.actions[0]!.text).toBe('De nota naar aanleiding van het verslag is verstuurd.\n\nWe doen drie dingen:\n\n1. een brief sturen;\n\n2. een debat voorbereiden.');
  });

  it('reads Roman numerals with a dot, and puts the list after the last action in the footer', () => {
    expect(record.themes.map((t) => [t.numeral, t.name])).toEqual([
      ['I', 'Open Democracy'],
      ['II', 'Open Informatie'],
    ]);
    expect(record.footer).toBe('Meer weten? Bekijk het Actieplan Open Overheid 2020-2022 voor meer informatie.\n\n1. Bekijk de Nederlandstalige publieksversie.');
    expect(record.actions[1]!.partners).toEqual(['verschillende gemeenten', 'Open State Foundation (OSF)']);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});

describe('a plan without theme headings (2023-2027)', async () => {
  const { record, issues } = await parseFile(fixture('plan-without-themes.txt'));

  it('reads actions right under the title, with theme null', () => {
    expect(issues).toEqual([]);
    expect(record.themes).toEqual([]);
    expect(record.actions.map((a) => [a.number, a.theme])).toEqual([
      [1, null],
      [2, null],
    ]);
  });

  it('normalises "2023 - 2027" and keeps the Looptijd line as a field', () => {
    expect(record.plan).toBe('Actieplan Open Overheid 2023-2027');
    expect(record.actions[0]!.duration).toBe('september 2023 - december 2023');
    expect(record.actions[0]!.text).toBe('Het onderzoek naar regie op data is gestart.');
    expect(record.actions[1]!.duration).toBeUndefined();
  });
});

describe('2018-2020 style: "Actiepunt N: Titel" and holder and partners on one line', async () => {
  const { record, issues } = await parseFile(fixture('actiepunt-headings-inline-partners.txt'));

  it('reads the headings and splits the one-line holder and partner list', () => {
    expect(issues).toEqual([]);
    expect(record.plan).toBe('Actieplan Open Overheid 2018-2020');
    expect(record.updateNumber).toBe(9);
    expect(record.actions.map((a) => a.title)).toEqual(['Lokale Digitale Democratie', 'Open Algoritmen']);
    expect(record.actions[0]!.actionHolders).toEqual(['Ministerie van BZK', 'VNG']);
    expect(record.actions[0]!.partners).toEqual(['Provincie Zuid-Holland', 'Netwerk Democratie']);
    expect(record.actions[1]!.actionHolders).toEqual(['Ministerie van Justitie en Veiligheid']);
  });
});
