// The HTML reader: an update page with site chrome reads into the same record as its text export.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { amsterdamDate, htmlToDocument } from '../../pipeline/parse/html.js';
import { SEED, fixture, parseFile, project } from '../helpers.js';
import { comparable, lineOf, parseDocument, texts } from './support.js';

const seed = (await parseFile(SEED, 'data/updates/update-02.txt')).record;

describe('Update #2 as a page with site chrome (nav, sidebar, footer, scripts)', () => {
  const path = fixture('update-02-as-html-with-site-chrome.html');
  const html = readFileSync(path, 'utf8');
  const doc = htmlToDocument(html);
  const { record, issues } = parseDocument(doc, html, 'update-02.html', 'html');
  const action = (n: number) => record.actions.find((a) => a.number === n)!;

  it('reads the same through parseSource (format from the extension), with published from the page', async () => {
    const viaSource = await parseFile(path);
    expect(viaSource.issues).toEqual([]);
    expect(viaSource.record.source.format).toBe('html');
    expect(viaSource.record.published).toBe('2021-07-06');
    expect(comparable(viaSource.record)).toEqual(comparable(record));
  });

  it('parses without issues and passes the record schema', () => {
    expect(issues).toEqual([]);
    expect(project().validator.validate('update', record, 'html')).toEqual([]);
  });

  it('gives the record of the text seed: themes, actions with holders, partners, status, text and dates, intro', () => {
    // The text export flattened the sidebar widget ("Meld bijeenkomst aan …") into the footer; the page
    // has it in an <aside>, which is site chrome, so the footer keeps only the article's own last line.
    const footer = 'Meer weten? Bekijk het Actieplan Open Overheid 2020-2022 voor meer informatie.';
    expect(seed.footer.startsWith(`${footer}\n\nMeld bijeenkomst aan`)).toBe(true);
    expect(comparable(record)).toEqual({ ...comparable(seed), footer });
    expect(record.actions).toHaveLength(13);
    expect(record.themes).toHaveLength(7);
  });

  it('reads the publication date from article:published_time, as the date in Amsterdam', () => {
    // content="2021-07-05T22:30:00+00:00" is 00:30 on 6 July in Amsterdam.
    expect(doc.published).toBe('2021-07-06');
  });

  it('starts at the <h1> and drops navigation, widgets, forms, scripts, captions and the page footer', () => {
    expect(doc.blocks[0]).toMatchObject({ kind: 'heading', text: 'Update #2 Actieplan Open Overheid 2020-2022', line: lineOf(html, '<h1 class="entry-title">') });
    const all = texts(doc).join('\n');
    for (const chrome of [
      'Naar de inhoud', 'cookies', 'Akkoord', 'Samen werken aan', 'Home', 'Agenda', 'Zoeken', 'Dit is geen tekst', 'Geen tekst',
      'Kruimelpad', 'Actieplan\n', 'Geplaatst op', '6 juli 2021', 'opent in een nieuw venster', 'Beeld:', 'Deel dit bericht',
      'LinkedIn', 'Tags:', 'Gerelateerde berichten', 'Update #1', 'Meld bijeenkomst aan', 'Ook in onze agenda', 'Recente berichten',
      'Postbus', 'Privacy', 'jQuery',
    ])
      expect(all).not.toContain(chrome);
  });

  it('gives each block the line where its element starts, and splits a <p> at <br>', () => {
    expect(action(1).sourceLines[0]).toBe(lineOf(html, '<h3 class="wp-block-heading">1. Transparantie'));
    expect(action(13).sourceLines[0]).toBe(lineOf(html, '<h3 class="wp-block-heading">13. Open Klachten'));
    const holder = doc.blocks.find((b) => b.text === 'Actiehouder: Ministerie van BZK en Vereniging van Nederlandse Gemeenten (VNG)')!;
    const partner = doc.blocks[doc.blocks.indexOf(holder) + 1]!;
    expect(holder).toMatchObject({ kind: 'paragraph', line: lineOf(html, 'Actiehouder:</strong>&nbsp;Ministerie van BZK en Vereniging') });
    expect(partner).toMatchObject({ kind: 'paragraph', text: 'In samenwerking met: Provincie Zuid-Holland, Provincie Groningen, Netwerk democratie, Rathenau Instituut', line: holder.line + 1 });
    // Every block starts on its line: the first word of its text is there.
    const lines = html.split('\n');
    for (const block of doc.blocks) expect(lines[block.line - 1]).toContain(block.text.split(' ')[0]!.replace(/[^\p{L}\p{N}]/gu, ''));
  });

  it('decodes entities and turns &nbsp; into spaces', () => {
    expect(action(1).text).toContain('verplicht om – net als de politieke partijen en de kandidaten – voorafgaand');
    expect(action(1).text).toContain('Op 21 juni 2021 bood de minister');
    expect(action(1).mentionedDates).toEqual(['2021-06-21']);
    expect(record.intro).toContain('Deze 13 acties verdeelden we over 7 thema’s.');
    expect(action(10).actionHoldersLine).toBe('Ministerie van BZK, Kennis- en exploitatiecentrum Officiële Overheidspublicaties (KOOP) en data.overheid.nl');
    for (const block of doc.blocks) expect(block.text).not.toMatch(/[\u00a0]|&[a-z#0-9]+;|<|>/);
  });

  it('keeps link text in the text and lists the links of each block', () => {
    const links = doc.blocks.flatMap((b) => b.links ?? []);
    expect(links).toEqual([
      { text: 'thema’s', href: '#thema-1' },
      { text: 'nota over het wetsvoorstel', href: 'https://www.rijksoverheid.nl/documenten/kamerstukken/2021/06/21/nota-naar-aanleiding-van-het-verslag-evaluatiewet-wfpp' },
      { text: 'Hoe ontsluiten wij inkoopinformatie', href: 'https://openstate.eu/nl/2021/05/hoe-ontsluiten-wij-inkoopinformatie/' },
      { text: 'samenvatting van het Webinar Open Inkoop in Beeld', href: 'https://www.nevi.nl/nieuws/open-inkoop-in-beeld' },
      { text: 'impact stories', href: 'https://data.overheid.nl/community/impact-stories' },
      { text: 'data@koop.overheid.nl', href: 'mailto:data@koop.overheid.nl' },
      { text: 'Actieplan Open Overheid 2020-2022', href: 'https://www.open-overheid.nl/wp-content/uploads/2021/02/Actieplan-Open-Overheid-2020-2022.pdf' },
    ]);
    const nota = doc.blocks.find((b) => b.links?.[0]?.text === 'nota over het wetsvoorstel')!;
    expect(nota.text).toContain('Bekijk de nota over het wetsvoorstel op Rijksoverheid.nl.');
  });
});

describe('Update #7 style page: bulleted holder lines, a missing partner line, captions, <time>', () => {
  const html = readFileSync(fixture('update-07-as-html-bulleted-holder-lines-and-captions.html'), 'utf8');
  const doc = htmlToDocument(html);
  const { record, issues } = parseDocument(doc, html, 'update-07.html', 'html');
  const [one, two, three] = record.actions;

  it('reads <li><strong>Actiehouder:</strong> …</li> as an item without markup, and the parser takes it as the holder line', () => {
    expect(doc.blocks.filter((b) => b.kind === 'item').map((b) => b.text).slice(0, 2)).toEqual([
      'Actiehouder: Ministerie van BZK',
      'In samenwerking met: Partijen die betrokken zijn in elk wetgevingsproces (ministeries, Raad van State)',
    ]);
    expect(issues).toEqual([]);
    expect(record.title).toBe('Update #7 Actieplan Open Overheid 2020-2022');
    expect(one!.actionHolders).toEqual(['Ministerie van BZK']);
    expect(one!.partners).toEqual(['Partijen die betrokken zijn in elk wetgevingsproces (ministeries, Raad van State)']);
    expect(two!.partners).toEqual(['Kiesraad']);
    expect(three!.actionHolders).toEqual(['Ministerie van BZK', 'Vereniging van Nederlandse Gemeenten (VNG)']);
  });

  it('keeps the repeated-update markers as the text parser sees them', () => {
    expect([one!.status, one!.repeatedFrom, one!.text]).toEqual(['repeated', '2022-02-21', 'Het wetsvoorstel is op 22 februari 2022 door de Tweede Kamer aangenomen.']);
    expect([two!.status, two!.repeatedFrom, two!.mentionedDates]).toEqual(['repeated', '2021-12-06', ['2022-02-15', '2022-02-22']]);
  });

  it('reads an action without a partner line', () => {
    expect(three!.partners).toEqual([]);
    expect(three!.partnersLine).toBeNull();
    expect(three!.status).toBe('new');
  });

  it('drops image captions ("Beeld: …") and alt text, the share block, the date line and the label above the title', () => {
    const all = texts(doc).join('\n');
    for (const gone of ['Beeld', 'Gemeente Amsterdam', 'Gemeente Utrecht', 'Inwoners praten mee', 'Deel deze pagina', 'LinkedIn', 'Nieuwsbericht', '19-04-2022', 'Meld bijeenkomst aan', 'Direct naar de inhoud', 'initiatief van'])
      expect(all).not.toContain(gone);
    expect(three!.text.startsWith('De reeks colleges')).toBe(true);
  });

  it('reads published from the first <time datetime> in the article, not from the sidebar', () => {
    expect(doc.published).toBe('2022-04-19');
  });

  it('decodes entities and non-breaking spaces', () => {
    expect(record.intro).toBe('Hoe staat het ervoor met de actiepunten uit het Actieplan Open Overheid 2020–2022? Bekijk de voortgang per thema & actiepunt.');
    expect(three!.text).toContain('De reeks colleges van de ‘Democratie in Actie Academie’ loopt door. Gemeenten & provincies leerden over “stemtools” en polls.');
  });

  it('keeps the number of <ol> items, lists links, and puts "Lees alle updates" in the footer', () => {
    expect(three!.text).toContain('We doen nog twee dingen:\n\n1. een handreiking publiceren;\n2. een netwerkbijeenkomst organiseren.');
    const item = doc.blocks.find((b) => b.text === '2. een netwerkbijeenkomst organiseren.')!;
    expect(item).toMatchObject({ kind: 'item', line: lineOf(html, '<li>een <a href="/agenda/netwerkbijeenkomst/">'), links: [{ text: 'netwerkbijeenkomst', href: '/agenda/netwerkbijeenkomst/' }] });
    expect(record.footer).toBe('Lees alle updates over het Actieplan Open Overheid 2020-2022.');
  });
});

describe('htmlToDocument: text, lines and links', () => {
  it('splits a paragraph at <br>, drops <strong>/<em> markup and gives each part its own line', () => {
    const doc = htmlToDocument('<main>\n<p><strong>Actiehouder:</strong> Ministerie van BZK<br>\n<em>In samenwerking met:</em> Kiesraad<br/><br>\n</p>\n</main>');
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: 'Actiehouder: Ministerie van BZK', line: 2 },
      { kind: 'paragraph', text: 'In samenwerking met: Kiesraad', line: 3 },
    ]);
  });

  it('collapses white space, decodes named and numeric entities and drops zero-width characters', () => {
    const doc = htmlToDocument('<article><p>  thema&rsquo;s&nbsp;&amp;\n\t acties &#8211; &#x2018;Open&#x2019;\u00a0 Wob\u200b  </p></article>');
    expect(texts(doc)).toEqual(['thema’s & acties – ‘Open’ Wob']);
  });

  it('reads headings, paragraphs, list items and nested lists as blocks; a <div> of inline content is a paragraph', () => {
    const doc = htmlToDocument(
      '<main><h2>I Open Democratie</h2><div>Los <b>blok</b></div><ul><li>een<ul><li>twee</li></ul></li><li><p>drie</p><p>vier</p></li></ul><blockquote><p>citaat</p></blockquote><table><tr><td>cel</td></tr></table></main>',
    );
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'I Open Democratie'],
      ['paragraph', 'Los blok'],
      ['item', 'een'],
      ['item', 'twee'],
      ['item', 'drie'],
      ['item', 'vier'],
      ['paragraph', 'citaat'],
      ['paragraph', 'cel'],
    ]);
  });

  it('numbers <ol> items, honouring start and value', () => {
    const doc = htmlToDocument('<main><ol start="4"><li>vier</li><li>vijf</li><li value="9">negen</li><li>tien</li></ol></main>');
    expect(texts(doc)).toEqual(['4. vier', '5. vijf', '9. negen', '10. tien']);
  });

  it('keeps link text in the text and the href as written; an image-only link is not a link', () => {
    const doc = htmlToDocument('<main><p>Zie <a href="/pdf/plan.pdf">het <strong>plan</strong></a> en <a href="https://example.org/x?a=1&amp;b=2">dit</a>. <a href="/"><img alt="logo" src="l.png"></a></p></main>');
    expect(doc.blocks).toEqual([{ kind: 'paragraph', text: 'Zie het plan en dit.', line: 1, links: [{ text: 'het plan', href: '/pdf/plan.pdf' }, { text: 'dit', href: 'https://example.org/x?a=1&b=2' }] }]);
  });

  it('counts lines in a page with CRLF line ends', () => {
    const doc = htmlToDocument('<!doctype html>\r\n<html><body>\r\n<main>\r\n<h1>Titel</h1>\r\n<p>Tekst</p>\r\n</main></body></html>\r\n');
    expect(doc.blocks.map((b) => b.line)).toEqual([4, 5]);
  });

  it('reads an empty page as no blocks', () => {
    expect(htmlToDocument('')).toEqual({ blocks: [], published: null });
  });
});

describe('htmlToDocument: finding the article and dropping chrome', () => {
  it('without <main> or <article>, reads the body without page header, navigation, sidebar, footer, scripts and forms', () => {
    const doc = htmlToDocument(
      '<body><header><p>Open Overheid</p><nav><a href="/">Home</a></nav></header><h1>Update #3</h1><p>Tekst.</p><aside><p>Agenda</p></aside><form><p>Zoek</p></form><noscript><p>Zet JavaScript aan</p></noscript><script>var p = "<p>x</p>";</script><style>p{}</style><iframe src="x"></iframe><svg><text>svg</text></svg><footer><p>Colofon</p></footer></body>',
    );
    expect(texts(doc)).toEqual(['Update #3', 'Tekst.']);
  });

  it('drops widgets by class or id (sidebar, menu, breadcrumb, share, cookie, agenda), hidden and screen-reader-only text', () => {
    const doc = htmlToDocument(
      '<main><div class="breadcrumb">Home › Nieuws</div><h1>Titel</h1><div id="cookie-bar">Cookies?</div><p>Tekst <span class="visually-hidden">(extern)</span>hier.</p><div class="side-bar"><p>Zijbalk</p></div><ul class="menu"><li>Menu</li></ul><div class="socialShare">Deel</div><section class="agenda-widget"><h2>Meld bijeenkomst aan</h2><p>Ook in onze agenda verschijnen?</p></section><p hidden>Verborgen</p><p aria-hidden="true">Ook verborgen</p><p style="display: none">Weg</p></main>',
    );
    expect(texts(doc)).toEqual(['Titel', 'Tekst hier.']);
  });

  it('never drops the wrapper that holds the article, whatever its class says', () => {
    const doc = htmlToDocument('<main><div class="content-with-sidebar"><article><h1>Titel</h1><p>Tekst.</p></article><div class="sidebar"><p>Zijbalk</p></div></div></main>');
    expect(texts(doc)).toEqual(['Titel', 'Tekst.']);
  });

  it('reads an accordion: the button in the heading is the title, a collapsed panel is text', () => {
    const doc = htmlToDocument(
      '<main><h1>Update #3</h1><h3><button aria-expanded="false">1. Grip op eigen gegevens<span aria-hidden="true">+</span></button></h3><div class="panel" hidden><p>Actiehouder: Ministerie van BZK</p><p>Het onderzoek is gestart.</p></div><button>Alles openklappen</button></main>',
    );
    expect(texts(doc)).toEqual(['Update #3', '1. Grip op eigen gegevens', 'Actiehouder: Ministerie van BZK', 'Het onderzoek is gestart.']);
  });

  it('keeps a block whose class says widget when it holds most of the article text', () => {
    const long = 'De actiehouder meldt voortgang op alle onderdelen van dit actiepunt.';
    const doc = htmlToDocument(`<main><h1>Titel</h1><div class="widget text-widget"><p>${long}</p></div><div class="widget"><p>Kort</p></div></main>`);
    expect(texts(doc)).toEqual(['Titel', long]);
  });

  it('keeps a header and footer inside the article, and an inline date inside a sentence', () => {
    const doc = htmlToDocument('<article><header><h1>Titel</h1></header><p>Op <span class="date">21 juni 2021</span> kwam het stuk.</p><footer><p>Meer weten? Lees het plan.</p></footer></article>');
    expect(texts(doc)).toEqual(['Titel', 'Op 21 juni 2021 kwam het stuk.', 'Meer weten? Lees het plan.']);
  });

  it('picks the article with the most text when a page has several, ignoring teasers in an <aside>', () => {
    const doc = htmlToDocument('<body><article><h2>Teaser</h2><p>Kort.</p></article><article><h1>Update #2</h1><p>Een veel langere tekst over de voortgang.</p></article><aside><article><p>Een heel lange tekst in de zijbalk die niet telt omdat hij in de zijbalk staat.</p></article></aside></body>');
    expect(texts(doc)).toEqual(['Update #2', 'Een veel langere tekst over de voortgang.']);
  });

  it('reads a title that stands in a page header outside <main> first', () => {
    const doc = htmlToDocument('<body><div class="page-title"><h1>Update #4 Actieplan Open Overheid 2020-2022</h1></div><nav><h1>Menu</h1></nav><main><p>Hoe staat het ervoor?</p></main></body>');
    expect(texts(doc)).toEqual(['Update #4 Actieplan Open Overheid 2020-2022', 'Hoe staat het ervoor?']);
  });

  it('drops a "Beeld:" caption wherever it stands, and image alt text', () => {
    const doc = htmlToDocument('<main><h1>T</h1><img alt="open overheid" src="a.jpg"><p>Beeld: ©Gemeente Amsterdam</p><div class="caption">Beeld: © Rijksoverheid / Martijn Beekman</div><figure><img src="b.jpg" alt="foto"><figcaption>Een onderschrift</figcaption></figure><p>Beeldvorming is belangrijk.</p></main>');
    expect(texts(doc)).toEqual(['T', 'Beeldvorming is belangrijk.']);
  });
});

describe('htmlToDocument: published', () => {
  const page = (head: string, article = '') => `<html><head>${head}</head><body><article><h1>T</h1>${article}</article></body></html>`;

  it.each([
    ['2022-02-21T10:00:00+01:00', '2022-02-21'],
    ['2022-02-21T23:30:00Z', '2022-02-22'],
    ['2022-06-30T22:30:00+00:00', '2022-07-01'],
    ['2022-02-21T00:30:00+0100', '2022-02-21'],
    ['2022-02-21', '2022-02-21'],
    ['2022-02-21T10:00', '2022-02-21'],
    ['2022-02-21T10:00:00.000+01:00', '2022-02-21'],
    ['2022-02-30', null],
    ['2022-02-21T25:00:00Z', null],
    ['21 februari 2022', null],
    ['', null],
  ])('article:published_time %j → %s', (content, expected) => {
    expect(htmlToDocument(page(`<meta property="article:published_time" content="${content}">`)).published).toBe(expected);
  });

  it('prefers article:published_time to <time>, falls back to the first valid <time datetime> in the article', () => {
    const time = '<p class="date"><time datetime="2022-03-01T12:00:00+01:00">1 maart 2022</time></p>';
    expect(htmlToDocument(page('<meta property="article:published_time" content="2022-02-21T10:00:00+01:00">', time)).published).toBe('2022-02-21');
    expect(htmlToDocument(page('<meta property="article:published_time" content="gisteren">', time)).published).toBe('2022-03-01');
    expect(htmlToDocument(page('', `<time datetime="morgen">x</time>${time}`)).published).toBe('2022-03-01');
    expect(htmlToDocument(page('', '<aside><time datetime="2022-05-01">1 mei</time></aside>')).published).toBeNull();
    expect(htmlToDocument(page('')).published).toBeNull();
  });

  it('amsterdamDate handles summer and winter time', () => {
    expect(amsterdamDate('2021-03-27T23:00:00Z')).toBe('2021-03-28'); // CET: 00:00
    expect(amsterdamDate('2021-10-30T21:59:59Z')).toBe('2021-10-30'); // CEST: 23:59:59
    expect(amsterdamDate('2021-10-30T22:00:00Z')).toBe('2021-10-31');
  });
});

describe('the publication date of a page', () => {
  it('is not a date the text mentions', () => {
    const page = (time: string) => `<html><body><main><h1>Update #4 Actieplan Open Overheid 2020-2022</h1>${time}<p>Tekst.</p></main></body></html>`;
    expect(htmlToDocument(page('<p>Op <time datetime="2021-10-01">1 oktober 2021</time> was er een bijeenkomst.</p>')).published).toBeNull();
    expect(htmlToDocument(page('<p class="entry-date">Geplaatst op <time datetime="2021-10-05">5 oktober 2021</time></p>')).published).toBe('2021-10-05');
    expect(htmlToDocument(page('<p>Gepubliceerd <time pubdate datetime="2021-10-06">6 oktober</time></p>')).published).toBe('2021-10-06');
  });
});
