// Checks that the catalog only uses values from the lists data.overheid.nl accepts (data/waardelijsten.json).
import { Store } from '../vendor/rdf.js';
import type { Quad } from 'n3';
import type { AcceptedValues } from '../config.js';
import { DONL_STATUS } from '../emit/dcat.js';
import { NS } from '../iris.js';

export interface ValueProblem {
  subject: string;
  property: string;
  found: string;
  expected: string;
  list: string;
}

/** Every value of the listed properties on datasets and distributions must be in its list. */
export function checkValues(quads: Quad[], accepted: AcceptedValues): ValueProblem[] {
  const store = new Store(quads);
  const problems: ValueProblem[] = [];
  const subjects = (cls: string) => store.getSubjects(`${NS.rdf}type`, cls, null).map((t) => t.value).sort();
  const rules: { classes: string[]; property: string; test: (v: string) => boolean; expected: string; list: string }[] = [];
  const inList = (key: Exclude<keyof AcceptedValues, 'publisher' | 'note' | '$schema'>) => ({
    test: (v: string) => accepted[key].values.includes(v),
    expected: `one of the ${accepted[key].values.length} values of ${accepted[key].source}`,
    list: key,
  });
  const dataset = `${NS.dcat}Dataset`;
  const distribution = `${NS.dcat}Distribution`;
  const organisation = new RegExp(accepted.publisher.pattern);
  const alias = new RegExp(accepted.publisher.sameAs.pattern);
  rules.push({ classes: [distribution], property: `${NS.dct}license`, ...inList('license') });
  rules.push({ classes: [dataset, distribution], property: `${NS.dct}language`, ...inList('language') });
  rules.push({ classes: [dataset], property: `${NS.dcat}theme`, ...inList('theme') });
  rules.push({ classes: [dataset], property: `${NS.dct}accessRights`, ...inList('accessRights') });
  rules.push({ classes: [dataset], property: `${NS.dct}accrualPeriodicity`, ...inList('accrualPeriodicity') });
  rules.push({ classes: [dataset], property: `${NS.adms}status`, ...inList('status') });
  rules.push({ classes: [distribution], property: `${NS.dct}format`, ...inList('format') });
  rules.push({ classes: [distribution], property: `${NS.dcat}mediaType`, test: (v) => /^https:\/\/www\.iana\.org\/assignments\/media-types\/[a-z]+\/[A-Za-z0-9.+-]+$/.test(v), expected: 'an IANA media-type URI (https://www.iana.org/assignments/media-types/<type>/<subtype>)', list: 'mediaType' });
  for (const property of ['publisher', 'creator'])
    rules.push({ classes: [dataset], property: `${NS.dct}${property}`, test: (v) => organisation.test(v), expected: `an organisation URI from ${accepted.publisher.source}`, list: 'publisher' });
  for (const rule of rules)
    for (const cls of rule.classes)
      for (const subject of subjects(cls))
        for (const value of store.getObjects(subject, rule.property, null).map((o) => o.value))
          if (!rule.test(value)) problems.push({ subject, property: rule.property, found: value, expected: rule.expected, list: rule.list });
  for (const subject of subjects(dataset)) {
    // The DONL status follows from the dataset status as data/waardelijsten.json maps it.
    const status = store.getObjects(subject, `${NS.adms}status`, null).map((o) => o.value);
    const expected = status.map((s) => accepted.status.donl[s]).filter((v): v is string => !!v);
    const found = store.getObjects(subject, DONL_STATUS, null).map((o) => o.value);
    if (found.join() !== expected.join())
      problems.push({ subject, property: DONL_STATUS, found: found.join(', ') || 'none', expected: `${expected.join(', ') || 'none'}, as data/waardelijsten.json status.donl maps ${status.join(', ') || 'no status'} (${accepted.status.donlSource})`, list: 'status' });
    // The publisher is also known by the URI the portal matches organisations on.
    for (const agent of store.getObjects(subject, `${NS.dct}publisher`, null).map((o) => o.value)) {
      const aliases = store.getObjects(agent, `${NS.owl}sameAs`, null).map((o) => o.value);
      if (!aliases.some((a) => alias.test(a)))
        problems.push({ subject: agent, property: `${NS.owl}sameAs`, found: aliases.join(', ') || 'none', expected: `an organisation URI from ${accepted.publisher.sameAs.source}`, list: 'publisher' });
    }
  }
  // A dataset needs an OWMS theme for data.overheid.nl and an EU data theme for data.europa.eu and the push API.
  for (const subject of subjects(dataset)) {
    const themes = store.getObjects(subject, `${NS.dcat}theme`, null).map((o) => o.value);
    if (!themes.some((t) => t.startsWith('http://standaarden.overheid.nl/owms/terms/')))
      problems.push({ subject, property: `${NS.dcat}theme`, found: themes.join(', ') || 'none', expected: 'an OWMS theme (data.overheid.nl)', list: 'theme' });
    if (!themes.some((t) => t.startsWith('http://publications.europa.eu/resource/authority/data-theme/')))
      problems.push({ subject, property: `${NS.dcat}theme`, found: themes.join(', ') || 'none', expected: 'an EU data theme (data.europa.eu, the push API)', list: 'theme' });
  }
  return problems;
}
