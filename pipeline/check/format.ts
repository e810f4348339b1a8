// The check report in plain words, as `ontsluit check` prints it.
import type { CheckReport } from './index.js';
import { INDICATORS } from './mqa.js';

const short = (iri: string) => iri.replace(/^.*[#/]/, '');

export function formatCheck(report: CheckReport): string {
  const out: string[] = [];
  const { shacl } = report;
  for (const p of shacl.profiles) out.push(`SHACL ${p.profile} (${p.shapesFiles.join(', ')}): ${p.violations} violation(s), ${p.warnings} warning(s)`);
  out.push(`SHACL, all profiles: ${shacl.violations} violation(s), ${shacl.warnings} warning(s), ${shacl.acceptedWarnings} of them accepted`);
  for (const r of shacl.results.filter((x) => !x.accepted))
    out.push(`  ${r.severity.toLowerCase()} (${r.profiles.join('; ')}): ${r.target}, property ${r.property}: ${r.message}${r.value ? ` (value ${r.value})` : ''}. Fix: ${r.fix}.`);
  const accepted = new Map<string, { count: number; reason: string }>();
  for (const r of shacl.results.filter((x) => x.accepted)) {
    const key = `${r.target.split(' ')[0]} ${r.property}`;
    accepted.set(key, { count: (accepted.get(key)?.count ?? 0) + 1, reason: r.accepted! });
  }
  for (const [key, { count, reason }] of accepted) out.push(`  accepted warning (${count}×): ${key} (recommended, cannot apply yet): ${reason}`);

  out.push(`Value lists: ${report.values.length === 0 ? 'every value is in the lists data.overheid.nl accepts' : `${report.values.length} value(s) outside them`}`);
  for (const v of report.values) out.push(`  ${short(v.subject)}: ${short(v.property)} is ${v.found}; expected ${v.expected}`);
  out.push(`Identity: ${report.identity.length === 0 ? 'every IRI of the published release is still there; no identifier collides or changed' : `${report.identity.length} problem(s)`}`);
  for (const p of report.identity) out.push(`  ${p.kind}: ${p.iri}: ${p.detail}`);
  out.push(`URLs: ${report.urls.mode === 'none' ? 'not checked' : `${report.urls.checked} checked with HEAD against ${report.urls.checkedAt}, ${report.urls.failing.length} failing`}`);
  for (const f of report.urls.failing) out.push(`  ${f.url} answered ${f.status || 'nothing'}`);

  for (const score of report.mqa) {
    const d = score.dimensions;
    out.push(`MQA ${short(score.dataset)}: ${score.total}/405 (${score.rating}): findability ${d.findability}/100, accessibility ${d.accessibility}/100, interoperability ${d.interoperability}/110, reusability ${d.reusability}/75, contextuality ${d.contextuality}/20`);
    for (const r of score.indicators.filter((x) => x.earned < x.points)) out.push(`  +${r.points - r.earned} for ${r.needs} (${r.id}: ${r.note})`);
  }
  const max = INDICATORS.reduce((n, i) => n + i.points, 0);
  if (max !== 405) out.push(`(indicator table sums to ${max}, not 405)`);
  for (const p of report.pushApi.payloads)
    out.push(`Push API ${report.pushApi.version} payload for ${short(p.dataset)}: ${p.valid ? 'valid' : `invalid: ${p.errors.map((e) => `${e.pointer} ${e.message}`).join('; ')}`}`);
  out.push(report.accepted ? 'accepted: data.overheid.nl would accept this release' : `refused: ${report.reasons.join('; ')}`);
  return out.join('\n');
}
