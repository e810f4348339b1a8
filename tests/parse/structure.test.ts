// Pages by other hands: " en " inside a name or description, bodies from the published lists, page chrome found by structure.
import { describe, expect, it } from 'vitest';
import { createRegistry, splitParties } from '../../pipeline/organisations.js';
import { fixture, parseFile, parseText, project } from '../helpers.js';

const FORMATS = ['txt', 'md', 'html'] as const;
const LEADING = project().config.parser.leadingWords;

describe.each(FORMATS)('conjunctions, agencies and a list of related links (.%s)', async (ext) => {
  const { record, issues } = await parseFile(fixture(`conjunctions-agencies-and-related-links.${ext}`));
  const [one, two] = record.actions;

  it('keeps a name its abbreviation spells whole, and descriptions joined by " en "', () => {
    expect(one!.actionHolders).toEqual(['Autoriteit Consument en Markt (ACM)', 'Ministerie van BZK']);
    expect(one!.partners).toEqual(['Verschillende gemeenten en waterschappen', 'Waterschap Aa en Maas', 'Rijksinstituut voor Volksgezondheid en Milieu', 'Nationale en regionale rekenkamers']);
    expect(two!.actionHolders).toEqual(['Inspectie Leefomgeving en Transport', 'Kamer van Koophandel']);
    expect(two!.partners).toEqual(['ministeries en uitvoeringsorganisaties', 'Provincie Utrecht', 'diverse gemeenten']);
  });

  it('moves the heading with its list of links to the footer and says so; a sub-heading with its list stays', () => {
    expect(two!.text).toBe('De Kiesraad werkt aan de portal.\n\nVoortgang\n\n- De eerste uitslagen staan online.\n- Het stembureauoverzicht volgt.');
    expect(record.footer).toBe(ext === 'txt' ? 'Bekijk ook\n\nUpdate #8 Actieplan Open Overheid 2020-2022\n\nOpen overheid in de praktijk' : 'Bekijk ook\n\n- Update #8 Actieplan Open Overheid 2020-2022\n- Open overheid in de praktijk');
    expect(issues).toEqual([expect.objectContaining({ type: 'footer-by-structure', severity: 'warning', field: 'footer', found: '"Bekijk ook"' })]);
    expect(issues[0]!.message).toContain('a heading that is not an action');
  });
});

describe.each(FORMATS)('a thematic break after the last action (.%s)', async (ext) => {
  const { record, issues } = await parseFile(fixture(`page-chrome-after-a-thematic-break.${ext}`));

  it('puts what follows the break in the footer, even a full sentence, with a warning', () => {
    expect(record.actions[0]!.text).toBe('Het wetsvoorstel ligt bij de Tweede Kamer.');
    expect(record.footer).toBe('Dit bericht is geplaatst door de redactie van de website.');
    expect(issues).toEqual([expect.objectContaining({ type: 'footer-by-structure', line: ext === 'txt' ? 7 : ext === 'md' ? 13 : 12 })]);
    expect(issues[0]!.message).toContain('a thematic break');
  });
});

const HEAD = { txt: 'Update #9 Actieplan Open Overheid 2020-2022\n1. Titel\nActiehouder: Ministerie van BZK\nHet wetsvoorstel ligt bij de Tweede Kamer.\n', md: '# Update #9 Actieplan Open Overheid 2020-2022\n\n## 1. Titel\n\nActiehouder: Ministerie van BZK\n\nHet wetsvoorstel ligt bij de Tweede Kamer.\n\n', html: '<article><h1>Update #9 Actieplan Open Overheid 2020-2022</h1><h2>1. Titel</h2><p>Actiehouder: Ministerie van BZK</p><p>Het wetsvoorstel ligt bij de Tweede Kamer.</p>' };
const page = (ext: (typeof FORMATS)[number], tail: string) => parseText(`${HEAD[ext]}${tail}${ext === 'html' ? '</article>\n' : ''}`, `inline.${ext}`);

describe('share lines and calls to action end the page in every format', () => {
  const tails = {
    share: { txt: 'Deel dit bericht: X | LinkedIn | Facebook | E-mail\n', md: 'Deel: [X](https://x.com/share) [LinkedIn](https://linkedin.com/share) [E-mail](mailto:?subject=x)\n', html: '<p>Deel: <a href="https://x.com/share">X</a> <a href="https://linkedin.com/share">LinkedIn</a> <a href="mailto:?subject=x">E-mail</a></p>' },
    cta: { txt: 'Wil je op de hoogte blijven?\nSchrijf je in voor de nieuwsbrief\n', md: 'Wil je op de hoogte blijven?\n\n[Schrijf je in voor de nieuwsbrief](https://example.org/nieuwsbrief)\n', html: '<p>Wil je op de hoogte blijven?</p><p><a href="https://example.org/nieuwsbrief">Schrijf je in voor de nieuwsbrief</a></p>' },
  };
  it.each(FORMATS)('a share line (.%s)', (ext) => {
    const { record, issues } = page(ext, tails.share[ext]);
    expect(record.actions[0]!.text).toBe('Het wetsvoorstel ligt bij de Tweede Kamer.');
    expect(record.footer).toMatch(/^Deel/);
    expect(issues.map((i) => [i.type, i.message.includes('share')])).toEqual([['footer-by-structure', true]]);
  });
  it.each(FORMATS)('a question with a button (.%s)', (ext) => {
    const { record, issues } = page(ext, tails.cta[ext]);
    expect(record.actions[0]!.text).toBe('Het wetsvoorstel ligt bij de Tweede Kamer.');
    expect(record.footer).toBe('Wil je op de hoogte blijven?\n\nSchrijf je in voor de nieuwsbrief');
    expect(issues.map((i) => [i.type, i.message.includes('question')])).toEqual([['footer-by-structure', true]]);
  });
});

describe('what structure does not move', () => {
  it.each(FORMATS)('a question answered in prose, and a closing short line, stay in the action (.%s)', (ext) => {
    const tail = { txt: 'Wat gaan we nu doen?\nWe wachten op het advies van de Raad van State.\n', md: 'Wat gaan we nu doen?\n\nWe wachten op het advies van de Raad van State.\n', html: '<p>Wat gaan we nu doen?</p><p>We wachten op het advies van de Raad van State.</p>' }[ext];
    const { record, issues } = page(ext, tail);
    expect(record.footer).toBe('');
    expect(record.actions[0]!.text).toBe('Het wetsvoorstel ligt bij de Tweede Kamer.\n\nWat gaan we nu doen?\n\nWe wachten op het advies van de Raad van State.');
    expect(issues).toEqual([]);
  });

  it('a pattern of data/parser.json that starts the footer earlier is not reported', async () => {
    const { record, issues } = page('txt', 'Meer weten? Lees het plan.\nBekijk ook\nUpdate #8\n');
    expect(record.footer).toBe('Meer weten? Lees het plan.\n\nBekijk ook\n\nUpdate #8');
    expect(issues).toEqual([]);
  });
});

describe('splitting at " en " by the words around it, without a registry', () => {
  const bare = createRegistry([]);
  const split = (line: string) => splitParties(line, bare, LEADING);

  it('keeps lower-case words on both sides together', () => {
    expect(split('Verschillende andere ministeries en overheidsorganisaties')).toEqual(['Verschillende andere ministeries en overheidsorganisaties']);
    expect(split('College voor de toelating van gewasbeschermingsmiddelen en biociden')).toEqual(['College voor de toelating van gewasbeschermingsmiddelen en biociden']);
  });

  it('keeps a lower-case right side that is not a name with the left side', () => {
    expect(split('Nationale en lokale ombudsmannen, gemeenten')).toEqual(['Nationale en lokale ombudsmannen', 'gemeenten']);
  });

  it('splits where a name starts after " en ", also after leading words', () => {
    expect(split('verschillende gemeenten en Open State Foundation')).toEqual(['verschillende gemeenten', 'Open State Foundation']);
    expect(split('gemeenten en ministerie van BZK')).toEqual(['gemeenten', 'ministerie van BZK']);
    expect(split('ministeries en met de Nederlandse Taalunie')).toEqual(['ministeries', 'Nederlandse Taalunie']);
    expect(split('Ministerie van BZK en data.overheid.nl')).toEqual(['Ministerie van BZK', 'data.overheid.nl']);
  });

  it('keeps a name its abbreviation spells, and only that name', () => {
    expect(split('Autoriteit Consument en Markt (ACM)')).toEqual(['Autoriteit Consument en Markt (ACM)']);
    expect(split('Ministerie van BZK en Autoriteit Consument en Markt (ACM)')).toEqual(['Ministerie van BZK', 'Autoriteit Consument en Markt (ACM)']);
    expect(split('Ministerie van Infrastructuur en Waterstaat (IenW)')).toEqual(['Ministerie van Infrastructuur en Waterstaat (IenW)']);
    expect(split('Open State Foundation en Code for NL (CfNL)')).toEqual(['Open State Foundation', 'Code for NL (CfNL)']);
  });
});

describe('the registry grown from the published lists', () => {
  const { registry, config } = project();

  it('knows agencies, water boards and municipalities with their OWMS URIs, and says where each comes from', () => {
    const acm = registry.resolve('Inspectie Leefomgeving en Transport (ILT)');
    expect(acm).toMatchObject({ known: true, owms: 'http://standaarden.overheid.nl/owms/terms/Inspectie_Leefomgeving_en_Transport', abbreviation: 'ILT' });
    expect(registry.resolve('ILT').id).toBe(acm.id);
    expect(registry.resolve('Waterschap Peel en Maasvallei (WPM)')).toMatchObject({ kind: 'waterschap', owms: 'http://standaarden.overheid.nl/owms/terms/Waterschap_Peel_en_Maasvallei' });
    expect(registry.resolve('Gemeente Tilburg').owms).toBe('http://standaarden.overheid.nl/owms/terms/Tilburg_(gemeente)');
    expect(registry.resolve('Planbureau voor de Leefomgeving (PBL)').owms).toBe('http://standaarden.overheid.nl/owms/terms/pbl');
    for (const org of config.organisations) expect((org as { source?: string[] }).source?.length).toBeGreaterThan(0);
  });

  it('leaves out names the mappings give to another organisation: a person, a unit, a body mapped to its ministry', () => {
    expect(registry.resolve('Maring, dhr. B.H.').known).toBe(false);
    expect(registry.resolve('Archief Eemland').known).toBe(false);
    expect(registry.resolve('KOOP').id).toBe('kennis-en-exploitatiecentrum-officiele-overheidspublicaties');
    expect(registry.resolve('Ministerie van Justitie').id).toBe('ministerie-van-justitie-en-veiligheid');
  });

  it('still publishes an unknown body, with its abbreviation', () => {
    expect(registry.resolve('Autoriteit Consument en Markt (ACM)')).toMatchObject({ known: false, abbreviation: 'ACM', id: 'autoriteit-consument-en-markt-acm' });
  });
});
