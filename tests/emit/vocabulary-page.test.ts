// The vocabulary page (def/actieplan.html): every aoo: term with labels and comments in Dutch and English, domain, range and use.
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { Iris } from '../../pipeline/iris.js';
import { termUse, vocabularyPage } from '../../pipeline/emit/vocabulary-page.js';
import { TERMS } from '../../pipeline/emit/vocabulary.js';
import { BASE, SLUG, buildRelease, textOf } from './release.js';

const release = await buildRelease();
const html = textOf(release, 'def/actieplan.html');
const quads = new Parser({ format: 'N-Triples' }).parse(textOf(release, `${SLUG}/dataset.nt`));
const iris = new Iris(BASE);

describe('def/actieplan.html', () => {
  it('has a section per term, with its labels and comments in both languages', () => {
    for (const term of TERMS) {
      const section = new RegExp(`<section id="${term.local}" class="term">([\\s\\S]*?)</section>`).exec(html)?.[1];
      expect(section, term.local).toBeDefined();
      for (const text of [term.label.nl, term.label.en, term.comment.nl, term.comment.en]) expect(section).toContain(text.replace(/&/g, '&#x26;').replace(/</g, '&#x3C;'));
    }
  });

  it('links a domain or range of its own to that term, and names standard ones by prefix', () => {
    const nummer = /<section id="nummer" class="term">([\s\S]*?)<\/section>/.exec(html)![1]!;
    expect(nummer).toContain('<a href="#Actiepunt"><code>aoo:Actiepunt</code></a>');
    expect(nummer).toContain('<a href="http://www.w3.org/2001/XMLSchema#integer"><code>xsd:integer</code></a>');
  });

  it('counts how often each term is used in the datasets', () => {
    const use = termUse(quads, iris);
    expect(use.get(iris.term('Actiepunt'))).toBe(13);
    expect(use.get(iris.term('nummer'))).toBe(13);
    expect(html).toContain('13 keer in de datasets van deze release');
    const unused = termUse([], iris);
    expect(unused.size).toBe(0);
  });

  it('is the same page for the same release, and is a release file in the manifest', () => {
    expect(vocabularyPage(iris, termUse(quads, iris))).toBe(html);
    const manifest = JSON.parse(textOf(release, 'manifest.json')) as { files: Record<string, unknown> };
    expect(Object.keys(manifest.files)).toContain('def/actieplan.html');
  });
});
