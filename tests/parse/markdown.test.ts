// The Markdown reader: an update written in Markdown reads into the same record as its text export.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { markdownToDocument } from '../../pipeline/parse/markdown.js';
import { SEED, fixture, parseFile, project } from '../helpers.js';
import { comparable, lineOf, parseDocument, texts } from './support.js';

const seed = (await parseFile(SEED, 'data/updates/update-02.txt')).record;

describe('Update #2 as Markdown (front matter, headings, hard breaks, links, an image with caption)', () => {
  const path = fixture('update-02-as-markdown.md');
  const md = readFileSync(path, 'utf8');
  const doc = markdownToDocument(md);
  const { record, issues } = parseDocument(doc, md, 'update-02.md', 'markdown');
  const action = (n: number) => record.actions.find((a) => a.number === n)!;

  it('reads the same through parseSource (format from the extension), with published from the page', async () => {
    const viaSource = await parseFile(path);
    expect(viaSource.issues).toEqual([]);
    expect(viaSource.record.source.format).toBe('markdown');
    expect(viaSource.record.published).toBe('2021-07-06');
    expect(comparable(viaSource.record)).toEqual(comparable(record));
  });

  it('parses without issues and passes the record schema', () => {
    expect(issues).toEqual([]);
    expect(project().validator.validate('update', record, 'markdown')).toEqual([]);
  });

  it('gives the record of the text seed: themes, actions with holders, partners, status, text and dates, intro, footer', () => {
    expect(comparable(record)).toEqual(comparable(seed));
    expect(record.actions).toHaveLength(13);
    expect(record.footer).toBe(seed.footer);
  });

  it('reads published from the front matter date', () => {
    expect(doc.published).toBe('2021-07-06');
  });

  it('gives each block the line of its node; a hard break starts a new block on its own line', () => {
    expect(doc.blocks[0]).toEqual({ kind: 'heading', text: 'Update #2 Actieplan Open Overheid 2020-2022', line: lineOf(md, '# Update #2') });
    expect(action(1).sourceLines[0]).toBe(lineOf(md, '### 1. Transparantie'));
    expect(action(13).sourceLines[0]).toBe(lineOf(md, '### 13\\. Open Klachten'));
    const holder = doc.blocks.find((b) => b.text === 'Actiehouder: Ministerie van BZK en Vereniging van Nederlandse Gemeenten (VNG)')!;
    expect(holder.line).toBe(lineOf(md, '**Actiehouder:** Ministerie van BZK en Vereniging'));
    expect(doc.blocks[doc.blocks.indexOf(holder) + 1]).toEqual({ kind: 'paragraph', text: 'In samenwerking met: Provincie Zuid-Holland, Provincie Groningen, Netwerk democratie, Rathenau Instituut', line: holder.line + 1 });
    // Action 6 uses a backslash break and *emphasis*.
    expect(action(6).actionHoldersLine).toBe('Ministerie van BZK');
    expect(action(6).partnersLine).toBe('Verschillende gemeenten, provincies, waterschappen, ministeries en met de Nederlandse Taalunie en ‘Lezen en Schrijven’');
  });

  it('drops the image and its "Beeld:" caption, and decodes entities and &nbsp;', () => {
    const all = texts(doc).join('\n');
    expect(all).not.toContain('Beeld:');
    expect(all).not.toContain('©');
    expect(record.intro).toContain('Deze 13 acties verdeelden we over 7 thema’s.');
    expect(action(1).text).toContain('Op 21 juni 2021 bood de minister');
    for (const block of doc.blocks) expect(block.text).not.toMatch(/\u00a0|&[a-z#0-9]+;|\*\*|\[|\]\(/);
  });

  it('keeps link text in the text and lists inline, reference and autolinks', () => {
    expect(doc.blocks.flatMap((b) => b.links ?? [])).toEqual([
      { text: 'nota over het wetsvoorstel', href: 'https://www.rijksoverheid.nl/documenten/kamerstukken/2021/06/21/nota-naar-aanleiding-van-het-verslag-evaluatiewet-wfpp' },
      { text: 'Hoe ontsluiten wij inkoopinformatie', href: 'https://openstate.eu/nl/2021/05/hoe-ontsluiten-wij-inkoopinformatie/' },
      { text: 'samenvatting van het Webinar Open Inkoop in Beeld', href: 'https://www.nevi.nl/nieuws/open-inkoop-in-beeld' },
      { text: 'impact stories', href: 'https://data.overheid.nl/community/impact-stories' },
      { text: 'data@koop.overheid.nl', href: 'mailto:data@koop.overheid.nl' },
      { text: 'Actieplan Open Overheid 2020-2022', href: 'https://www.open-overheid.nl/wp-content/uploads/2021/02/Actieplan-Open-Overheid-2020-2022.pdf' },
    ]);
    expect(action(1).text).toContain('Bekijk de nota over het wetsvoorstel op Rijksoverheid.nl.');
  });
});

describe('Update #7 style Markdown: "- **Actiehouder:** …" bullets, a missing partner line, an image caption', () => {
  const md = readFileSync(fixture('update-07-as-markdown-bulleted-holder-lines.md'), 'utf8');
  const doc = markdownToDocument(md);
  const { record, issues } = parseDocument(doc, md, 'update-07.md', 'markdown');
  const [one, two, three] = record.actions;

  it('reads "- **Actiehouder:** …" as an item "Actiehouder: …", and the parser takes it as the holder line', () => {
    expect(doc.blocks.filter((b) => b.kind === 'item').map((b) => b.text).slice(0, 4)).toEqual([
      'Actiehouder: Ministerie van BZK',
      'In samenwerking met: Partijen die betrokken zijn in elk wetgevingsproces (ministeries, Raad van State)',
      'Actiehouder: Ministerie van BZK',
      'In samenwerking met: Kiesraad',
    ]);
    expect(issues).toEqual([]);
    expect(one!.actionHolders).toEqual(['Ministerie van BZK']);
    expect(two!.partners).toEqual(['Kiesraad']);
    expect(three!.actionHolders).toEqual(['Ministerie van BZK', 'Vereniging van Nederlandse Gemeenten (VNG)']);
  });

  it('keeps the repeated-update markers as the text parser sees them, and reads an action without partners', () => {
    expect([one!.status, one!.repeatedFrom, one!.text]).toEqual(['repeated', '2022-02-21', 'Het wetsvoorstel is op 22 februari 2022 door de Tweede Kamer aangenomen.']);
    expect([two!.status, two!.repeatedFrom, two!.mentionedDates]).toEqual(['repeated', '2021-12-06', ['2022-02-15', '2022-02-22']]);
    expect([three!.partners, three!.partnersLine, three!.status]).toEqual([[], null, 'new']);
  });

  it('drops the image, its alt text and the "Beeld:" caption, and an HTML comment', () => {
    const all = texts(doc).join('\n');
    for (const gone of ['Beeld:', 'Gemeente Amsterdam', 'Inwoners praten mee', 'Deelknoppen']) expect(all).not.toContain(gone);
    expect(three!.text.startsWith('De reeks colleges')).toBe(true);
  });

  it('decodes entities, makes a soft line break a space, and numbers ordered items', () => {
    expect(record.intro).toBe('Hoe staat het ervoor met de actiepunten uit het Actieplan Open Overheid 2020–2022? Bekijk de voortgang per thema & actiepunt.');
    expect(three!.text).toBe(
      'De reeks colleges van de ‘Democratie in Actie Academie’ loopt door. Gemeenten & provincies leerden over “stemtools” en polls.\n\nWe doen nog twee dingen:\n\n1. een handreiking publiceren;\n2. een netwerkbijeenkomst organiseren.',
    );
    expect(record.footer).toBe('Lees alle updates over het Actieplan Open Overheid 2020-2022.');
  });

  it('has no publication date without front matter', () => {
    expect(doc.published).toBeNull();
  });
});

describe('markdownToDocument details', () => {
  it('splits a paragraph at a hard break (two spaces, a backslash, <br>) but not at a soft one', () => {
    const doc = markdownToDocument('**Actiehouder:** BZK  \n**In samenwerking met:** VNG\\\nDerde regel<br>vierde\nloopt door\n');
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: 'Actiehouder: BZK', line: 1 },
      { kind: 'paragraph', text: 'In samenwerking met: VNG', line: 2 },
      { kind: 'paragraph', text: 'Derde regel', line: 3 },
      { kind: 'paragraph', text: 'vierde loopt door', line: 3 },
    ]);
  });

  it('reads headings, paragraphs, list items (nested, loose), quotes, code and tables', () => {
    const doc = markdownToDocument('Titel\n=====\n\n## I Open Democratie\n\n- een\n  - twee\n- drie\n\n  vier\n\n> citaat\n\n```\ncode  blok\n```\n\n| a | b |\n|---|---|\n| c | d |\n');
    expect(doc.blocks.map((b) => [b.kind, b.text, b.line])).toEqual([
      ['heading', 'Titel', 1],
      ['heading', 'I Open Democratie', 4],
      ['item', 'een', 6],
      ['item', 'twee', 7],
      ['item', 'drie', 8],
      ['item', 'vier', 10],
      ['paragraph', 'citaat', 12],
      ['paragraph', 'code blok', 14],
      ['paragraph', 'a', 18],
      ['paragraph', 'b', 18],
      ['paragraph', 'c', 20],
      ['paragraph', 'd', 20],
    ]);
  });

  it('numbers ordered items from the list start', () => {
    expect(texts(markdownToDocument('3. drie\n4. vier\n'))).toEqual(['3. drie', '4. vier']);
  });

  it('keeps `code`, drops emphasis, strikethrough markup and images, and resolves reference links', () => {
    const doc = markdownToDocument('Zie *het* **[plan][p]** en `code` ~~oud~~ ![alt](a.png) <https://example.org>.\n\n[p]: /pdf/plan.pdf\n');
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: 'Zie het plan en code oud https://example.org.', line: 1, links: [{ text: 'plan', href: '/pdf/plan.pdf' }, { text: 'https://example.org', href: 'https://example.org' }] },
    ]);
  });

  it('reads the front matter: date (or a date-time, as the date in Amsterdam), and title when there is no # heading', () => {
    const doc = markdownToDocument('---\ntitle: "Update #5 Actieplan Open Overheid 2020-2022"\ndate: 2021-12-05T23:30:00Z\n---\n\nHoe staat het ervoor?\n');
    expect(doc.published).toBe('2021-12-06');
    expect(doc.blocks).toEqual([
      { kind: 'heading', text: 'Update #5 Actieplan Open Overheid 2020-2022', line: 2 },
      { kind: 'paragraph', text: 'Hoe staat het ervoor?', line: 6 },
    ]);
    expect(markdownToDocument('---\ntitle: X\n---\n# Y\n').blocks).toEqual([{ kind: 'heading', text: 'Y', line: 4 }]);
  });

  it.each([
    ['date: 2022-02-21', '2022-02-21'],
    ['published: "2022-02-21T10:00:00+01:00"', '2022-02-21'],
    ['date: 2022-02-30', null],
    ['date: gisteren', null],
    ['date: [2022-02-21', null], // invalid YAML
    ['layout: post', null],
  ])('front matter %j → published %s', (line, expected) => {
    expect(markdownToDocument(`---\n${line}\n---\n\n# T\n`).published).toBe(expected);
  });

  it('counts lines with CRLF line ends, and reads an empty document as no blocks', () => {
    expect(markdownToDocument('# Titel\r\n\r\nTekst\r\n').blocks.map((b) => b.line)).toEqual([1, 3]);
    expect(markdownToDocument('')).toEqual({ blocks: [], published: null });
  });
});
