// Holder and partner lists: splitting rules, the registry that protects names, and resolution to entities.
import { describe, expect, it } from 'vitest';
import { createRegistry, slug, splitParties } from '../pipeline/organisations.js';
import { project } from './helpers.js';

const { registry, config } = project();
const split = (line: string) => splitParties(line, registry, config.parser.leadingWords);

describe('splitParties', () => {
  it('splits on commas and on every " en " between names', () => {
    expect(split('Provincie Zuid-Holland, Provincie Groningen, Netwerk democratie, Rathenau Instituut')).toHaveLength(4);
    expect(split('Chief Procurement Officer Rijk en Open State Foundation (OSF)')).toEqual(['Chief Procurement Officer Rijk', 'Open State Foundation (OSF)']);
  });

  it('never splits inside parentheses or quotes', () => {
    expect(split('Partijen die betrokken zijn in elk wetgevingsproces (ministeries, Raad van State)')).toEqual(['Partijen die betrokken zijn in elk wetgevingsproces (ministeries, Raad van State)']);
    expect(split('Ministerie van BZK en ‘Lezen en Schrijven’')).toEqual(['Ministerie van BZK', 'Lezen en Schrijven']);
    expect(split('BZK en "Lezen en Schrijven"')).toEqual(['BZK', 'Lezen en Schrijven']);
  });

  it('never splits after a hyphen', () => {
    expect(split('Kennis- en exploitatiecentrum Officiële Overheidspublicaties (KOOP) en data.overheid.nl')).toEqual(['Kennis- en exploitatiecentrum Officiële Overheidspublicaties (KOOP)', 'data.overheid.nl']);
  });

  it('never splits a known organisation, wherever it stands in the list', () => {
    const ocw = 'Ministerie van Onderwijs, Cultuur en Wetenschap';
    expect(split(`${ocw}, Ministerie van BZK`)).toEqual([ocw, 'Ministerie van BZK']);
    expect(split(`Ministerie van BZK, ${ocw} en VNG`)).toEqual(['Ministerie van BZK', ocw, 'VNG']);
    expect(split(`VNG en ${ocw}`)).toEqual(['VNG', ocw]);
    expect(split('Ministerie van Justitie en Veiligheid en Ministerie van Volksgezondheid, Welzijn en Sport')).toEqual(['Ministerie van Justitie en Veiligheid', 'Ministerie van Volksgezondheid, Welzijn en Sport']);
    expect(split('Nationale en lokale ombudsmannen, gemeenten')).toEqual(['Nationale en lokale ombudsmannen', 'gemeenten']);
  });

  it('drops leading "met de" / "de" and a closing full stop', () => {
    expect(split('ministeries en met de Nederlandse Taalunie')).toEqual(['ministeries', 'Nederlandse Taalunie']);
    expect(split('Ministerie van Algemene Zaken (AZ) en de Voorlichtingsraad.')).toEqual(['Ministerie van Algemene Zaken (AZ)', 'Voorlichtingsraad']);
  });

  it('keeps lower-case words joined by " en " as one description (Update #2, action 11)', () => {
    expect(split('Verschillende andere ministeries en overheidsorganisaties, ICTU, Code for NL')).toEqual(['Verschillende andere ministeries en overheidsorganisaties', 'ICTU', 'Code for NL']);
    expect(split('ministeries en uitvoeringsorganisaties en Open State Foundation')).toEqual(['ministeries en uitvoeringsorganisaties', 'Open State Foundation']);
  });

  it('keeps an apostrophe inside a word', () => {
    expect(split("thema's en Open State Foundation")).toEqual(["thema's", 'Open State Foundation']);
  });

  it('splits a line it has split before the same way, whatever the caller did with the first answer, and per registry and leading words', () => {
    const line = 'Ministerie van Justitie en Veiligheid en de Nationale Ombudsman';
    const first = split(line);
    first.push('changed by the caller');
    expect(split(line)).toEqual(['Ministerie van Justitie en Veiligheid', 'Nationale Ombudsman']);
    // Another registry does not know the ministry, another list of leading words keeps the article.
    expect(splitParties(line, createRegistry([]), config.parser.leadingWords)).toEqual(['Ministerie van Justitie', 'Veiligheid', 'Nationale Ombudsman']);
    expect(splitParties(line, registry, [])).toEqual(['Ministerie van Justitie en Veiligheid', 'de Nationale Ombudsman']);
  });
});

describe('resolving names to organisations', () => {
  it('resolves spellings of one organisation to one entity', () => {
    const ids = ['Ministerie van BZK', 'ministerie van BZK', 'BZK', 'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties'].map((n) => registry.resolve(n).id);
    expect(new Set(ids).size).toBe(1);
    expect(registry.resolve('Vereniging van Nederlandse Gemeenten (VNG)').id).toBe(registry.resolve('VNG').id);
  });

  it('gives ministries their TOOI and OWMS URIs', () => {
    const bzk = registry.resolve('ministerie van BZK');
    expect(bzk.tooi).toBe('https://identifier.overheid.nl/tooi/id/ministerie/mnre1034');
    expect(bzk.owms).toBe('http://standaarden.overheid.nl/owms/terms/Ministerie_van_Binnenlandse_Zaken_en_Koninkrijksrelaties');
    expect(bzk.abbreviation).toBe('BZK');
  });

  it('every holder and partner of the seed is in the registry', async () => {
    const { parseFile, SEED } = await import('./helpers.js');
    const { record } = await parseFile(SEED);
    const names = record.actions.flatMap((a) => [...a.actionHolders, ...a.partners]);
    expect(names.filter((n) => !registry.resolve(n).known)).toEqual([]);
  });

  it('mints a stable entity for an unknown name, with the abbreviation from its parentheses', () => {
    const empty = createRegistry([]);
    expect(empty.resolve('Stichting Voorbeeld Financiën (SVF)')).toEqual({ id: 'stichting-voorbeeld-financien-svf', name: 'Stichting Voorbeeld Financiën (SVF)', abbreviation: 'SVF', kind: null, tooi: null, owms: null, known: false });
    expect(slug('Ministerie van J&V')).toBe('ministerie-van-j-en-v');
  });
});

describe('review fixes', () => {
  it('a double space in a holder line does not switch off the registry', async () => {
    const { parseText } = await import('./helpers.js');
    const { record } = parseText('Update #9 Actieplan Open Overheid 2020-2022\nI Open Democratie\n1. Titel\nActiehouder: Ministerie van BZK,  Ministerie van Onderwijs, Cultuur en Wetenschap\nTekst.\n');
    expect(record.actions[0]!.actionHolders).toEqual(['Ministerie van BZK', 'Ministerie van Onderwijs, Cultuur en Wetenschap']);
  });

  it('keeps a capitalised first word: only the lower-case article of a list is dropped', () => {
    expect(split('de Voorlichtingsraad en De Nederlandsche Bank en Het Nieuwe Instituut')).toEqual(['Voorlichtingsraad', 'De Nederlandsche Bank', 'Het Nieuwe Instituut']);
  });
});
