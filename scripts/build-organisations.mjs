// Derives data/organisations.json from data.overheid.nl's import mappings (data/reference/donlsync-mappings/), keeping the curated entries.
// Run after the build: `npm run build && node scripts/build-organisations.mjs` (add `--check` to fail when the file is out of date).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { normaliseName, slug } from '../build/pipeline/organisations.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAPPINGS = join(ROOT, 'data', 'reference', 'donlsync-mappings');
const REGISTRY = join(ROOT, 'data', 'organisations.json');
const OWMS = 'http://standaarden.overheid.nl/owms/terms/';
const log = (line) => process.stderr.write(`${line}\n`);
const byCodePoint = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** Every (name, OWMS URI, file) the mappings state: value mappings and the defaults' publisher with its contact name. */
function readMappings() {
  const pairs = [];
  for (const file of readdirSync(join(MAPPINGS, 'value-mappings')).filter((f) => /__(Authority|Publisher)\.json$/.test(f)).sort(byCodePoint)) {
    for (const { name, target_value: uri } of JSON.parse(readFileSync(join(MAPPINGS, 'value-mappings', file), 'utf8')))
      pairs.push({ name: name.trim(), uri, file: `donlsync-mappings/value-mappings/${file}` });
  }
  for (const file of readdirSync(join(MAPPINGS, 'defaults')).filter((f) => f.endsWith('.json')).sort(byCodePoint)) {
    const defaults = JSON.parse(readFileSync(join(MAPPINGS, 'defaults', file), 'utf8'));
    for (const uri of new Set([defaults.authority, defaults.publisher].filter(Boolean)))
      pairs.push({ name: defaults.publisher === uri ? (defaults.contact_point_name ?? '') : '', uri, file: `donlsync-mappings/defaults/${file}` });
  }
  return pairs.filter((p) => p.uri.startsWith(OWMS));
}

/** Lower case, diacritics folded, punctuation as spaces: for comparing names. */
const fold = (text) => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const initials = (text) => text.split(/[\s-]+/).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0]).join('');

/** The URI's own label ("Groningen_(provincie)" → "Groningen (provincie)"), its base and qualifier, and whether it is a code ("minienw"). */
function label(uri) {
  const text = decodeURIComponent(uri.slice(OWMS.length)).replace(/_/g, ' ');
  const qualified = /^(.*) \((gemeente|provincie)\)$/.exec(text);
  return { text, base: qualified ? qualified[1] : text, qualifier: qualified ? qualified[2] : null, code: /^(?:[a-z]+|[A-Z]+)$/.test(text) };
}

/** Do the code's letters spell the name in order, from its first letter ("odmh" → "Omgevingsdienst Midden-Holland")? */
function spells(code, name) {
  const letters = fold(name.replace(/^(?:Het|De)\s+/, '')).replace(/ /g, '');
  if (letters[0] !== code[0].toLowerCase()) return false;
  let at = 0;
  for (const ch of code.toLowerCase()) {
    at = letters.indexOf(ch, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/**
 * Is `written` (a name in a mapping) a name of the organisation the URI labels? Returns the name and
 * abbreviation it gives, or null. Names of parts or of other organisations that the portal maps to
 * the same URI ("Archief Eemland" → Amersfoort, "KOOP" → BZK, a person) do not agree.
 */
function agree(written, lab) {
  if (/^https?:|\/|,|\s[-–:]\s|:/.test(written)) {
    // "Ministerie van EZ - Rijksdienst voor Ondernemend Nederland": the unit, when it agrees by itself.
    const unit = /\s[-–]\s([^-–]+)$/.exec(written);
    return unit && lab.code && !/[/,:]/.test(unit[1]) ? agree(unit[1].trim(), lab) : commaName(written, lab);
  }
  const paren = /^(.*\S)\s*\(([\p{Lu}][\p{L}&]{1,11})\)$/u.exec(written);
  const full = paren ? paren[1] : written;
  const abbreviation = paren ? paren[2] : /^[\p{Lu}\d]{2,6}$/u.test(written) ? written : null;
  if (lab.code) {
    if (fold(written) === fold(lab.text) || (paren && fold(paren[2]) === fold(lab.text))) return { name: full, abbreviation };
    // Another abbreviation ("PBL … en Centraal Bureau voor de Statistiek (CBS)"): another organisation, or two.
    if (paren) return null;
    // "PBL Planbureau voor de Leefomgeving": the code, then the name.
    const lead = new RegExp(`^(${lab.text})\\s+(\\S.*)$`, 'i').exec(full);
    if (lead) return { name: lead[2], abbreviation: lead[1] };
    return spells(lab.text, full) ? { name: full, abbreviation } : null;
  }
  const f = fold(full);
  const base = fold(lab.base);
  const prefixed = new RegExp(`^(gemeente|provincie) ${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`).exec(f);
  if (f === fold(lab.text) || f === base || (prefixed && (!lab.qualifier || prefixed[1] === lab.qualifier))) return { name: full, abbreviation };
  if (abbreviation === written && (initials(lab.base) === written || lab.base.split(/\s+/).includes(written))) return { name: null, abbreviation };
  if (/^\p{Lu}\p{Ll}{4,}$/u.test(written) && lab.base.split(/\s+/).length > 1 && f !== '' && base.split(' ').includes(f)) return { name: null, alias: written, abbreviation: null };
  return null;
}

/** A name that itself holds a comma ("Ministerie van Landbouw, Natuur en Voedselkwaliteit") agrees only when it equals the label. */
function commaName(written, lab) {
  if (/^https?:|\/|\s[-–:]\s|:/.test(written)) return null;
  const paren = /^(.*\S)\s*\(([\p{Lu}][\p{L}&]{1,11})\)$/u.exec(written);
  const full = paren ? paren[1] : written;
  return !lab.code && fold(full) === fold(lab.text) ? { name: full, abbreviation: paren ? paren[2] : null } : null;
}

/** What the names tell about the kind of body; null when they do not say. */
function kindOf(name, lab) {
  if (/^Ministerie van /.test(name)) return 'ministerie';
  if (lab.qualifier) return lab.qualifier;
  if (/^(Gemeente|Provincie) /i.test(name)) return name.split(' ')[0].toLowerCase();
  if (/^(Waterschap|Hoogheemraadschap|Wetterskip) /i.test(name)) return 'waterschap';
  return null;
}

/** One candidate entry per OWMS URI: the longest agreeing name, the other names as aliases, the files it comes from. */
function derive(pairs) {
  const byUri = new Map();
  for (const pair of pairs) {
    const entry = byUri.get(pair.uri) ?? { uri: pair.uri, names: new Set(), aliases: new Set(), abbreviations: new Set(), files: new Set() };
    byUri.set(pair.uri, entry);
    entry.files.add(pair.file);
    const found = pair.name ? agree(pair.name, label(pair.uri)) : null;
    if (found?.name) entry.names.add(found.name);
    if (found?.alias) entry.aliases.add(found.alias);
    if (found?.abbreviation) entry.abbreviations.add(found.abbreviation);
  }
  const out = [];
  for (const entry of [...byUri.values()].sort((a, b) => byCodePoint(a.uri, b.uri))) {
    const lab = label(entry.uri);
    const names = [...entry.names].sort((a, b) => b.length - a.length || byCodePoint(a, b));
    // Without a name it can still confirm the URI of a curated entry (merge).
    const name = names[0] ?? (lab.code ? null : lab.text);
    const abbreviation = [...entry.abbreviations].sort(byCodePoint)[0] ?? null;
    const aliases = name ? [...new Set([...names.slice(1), ...entry.aliases, ...(abbreviation ? [abbreviation] : [])])].filter((a) => normaliseName(a) !== normaliseName(name)) : [];
    out.push({ id: name ? slug(name) : '', name, abbreviation, aliases, kind: name ? kindOf(name, lab) : null, tooi: null, owms: entry.uri, homepage: null, source: [...entry.files].sort(byCodePoint) });
  }
  return out;
}

const isDerived = (org) => org.source.every((s) => s.startsWith('donlsync-mappings/'));
const namesOf = (org) => [org.name, ...(org.abbreviation ? [org.abbreviation] : []), ...org.aliases].map(normaliseName);

/**
 * Curated entries stay as they are; a derived entry with a curated entry's URI, or with its name when
 * that has no URI yet, adds its source (and the URI) to it. A derived entry whose name belongs to a
 * curated entry with another URI (a predecessor ministry kept as an alias) is left out; an alias two
 * entries claim is dropped.
 */
function merge(curated, derived) {
  const owner = new Map();
  for (const org of curated) for (const key of namesOf(org)) owner.set(key, org);
  const kept = [];
  for (const org of derived) {
    const sameUri = curated.find((c) => c.owms === org.owms);
    const sameName = org.name === null ? undefined : owner.get(normaliseName(org.name));
    const target = sameUri ?? (sameName && sameName.owms === null ? sameName : null);
    if (target) {
      target.owms = org.owms;
      target.source = [...new Set([...target.source, ...org.source])];
      continue;
    }
    if (org.name === null) {
      log(`left out ${org.owms}: no name in the mappings agrees with it`);
      continue;
    }
    if (sameName) {
      log(`left out ${org.owms}: "${org.name}" is already a name of ${sameName.id} (${sameName.owms})`);
      continue;
    }
    kept.push(org);
  }
  const claims = new Map();
  for (const org of kept) for (const key of new Set(namesOf(org))) claims.set(key, (claims.get(key) ?? 0) + 1);
  for (const org of kept) {
    org.aliases = org.aliases.filter((a) => claims.get(normaliseName(a)) === 1 && !owner.has(normaliseName(a)));
    if (org.abbreviation && (claims.get(normaliseName(org.abbreviation)) !== 1 || owner.has(normaliseName(org.abbreviation)))) org.abbreviation = null;
  }
  const all = [...curated, ...kept].sort((a, b) => byCodePoint(a.id, b.id));
  const ids = new Set();
  for (const org of all) {
    if (ids.has(org.id)) throw new Error(`two organisations get the id ${org.id}`);
    ids.add(org.id);
  }
  return all;
}

function main() {
  const registry = JSON.parse(readFileSync(REGISTRY, 'utf8'));
  const curated = registry.organisations.filter((o) => !isDerived(o)).map((o) => ({ ...o, source: o.source.filter((s) => !s.startsWith('donlsync-mappings/')) }));
  const organisations = merge(curated, derive(readMappings()));
  const text = `${JSON.stringify({ ...registry, organisations }, null, 2)}\n`;
  const derived = organisations.filter(isDerived).length;
  log(`${organisations.length} organisations: ${organisations.length - derived} curated, ${derived} derived; ${organisations.filter((o) => o.owms).length} with an OWMS URI, ${organisations.filter((o) => o.tooi).length} with a TOOI URI`);
  if (process.argv.includes('--check')) {
    if (readFileSync(REGISTRY, 'utf8') !== text) {
      log('data/organisations.json is not what the mappings give: run node scripts/build-organisations.mjs');
      process.exitCode = 1;
    }
  } else writeFileSync(REGISTRY, text);
}

main();
