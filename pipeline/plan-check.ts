// Checks one parsed update against its plan in data/plans.json: every action present, each under its own theme, no theme lost.
import type { PlanSpec, SourceSpec } from './config.js';
import { quote } from './errors.js';
import type { UpdateRecord } from './record.js';
import { issue, type Issue } from './report.js';

/**
 * An update that lacks actions of its plan, or loses a theme, is an error unless its registry entry
 * is `partial` (with a reason); an action filed under another theme than the plan gives it is always
 * an error. Each issue points at the source line nearest to what is wrong.
 */
export function checkAgainstPlan(record: UpdateRecord, plan: PlanSpec, spec: SourceSpec): Issue[] {
  const issues: Issue[] = [];
  const place = record.source.place;
  const partial = spec.partial !== undefined;
  const themeOf = new Map(plan.actions.map((a) => [a.number, a.theme]));
  for (const action of record.actions) {
    const expected = themeOf.get(action.number);
    if (expected && action.theme !== expected)
      issues.push(issue('wrong-theme', `action ${action.number} stands under ${action.theme === null ? 'no theme' : `theme ${action.theme}`}, but belongs to theme ${expected} of ${plan.title}`, { source: place, line: action.sourceLines[0], field: 'theme' }, { expected: `theme ${expected} (data/plans.json)`, found: action.theme === null ? 'no theme heading above it' : quote(action.theme) }));
  }
  if (partial) return issues;
  const present = new Set(record.actions.map((a) => a.number));
  const missing = plan.actions.filter((a) => !present.has(a.number)).map((a) => a.number);
  if (missing.length && record.actions.length) {
    const after = [...record.actions].filter((a) => a.number < missing[0]!).at(-1);
    issues.push(issue('missing-actions', `the update lacks action(s) ${missing.join(', ')} of ${plan.title}`, { source: place, line: after?.sourceLines[1] ?? 1, field: 'actions' }, { expected: `all ${plan.actions.length} actions of the plan, or "partial" with a reason in the source registry`, found: `${present.size} action(s): ${[...present].join(', ')}` }));
  }
  const themes = new Set(record.themes.map((t) => t.numeral));
  const lost = [...new Set(plan.actions.map((a) => a.theme).filter((t): t is string => t !== null))].filter((t) => !themes.has(t));
  if (lost.length)
    issues.push(issue('missing-theme', `the update lacks theme(s) ${lost.join(', ')} of ${plan.title}`, { source: place, line: record.themes.at(-1)?.sourceLine ?? 1, field: 'themes' }, { expected: `every theme of the plan (${[...new Set(plan.actions.map((a) => a.theme).filter(Boolean))].join(', ')}), or "partial" with a reason in the source registry`, found: record.themes.length ? `theme(s) ${[...themes].join(', ')}` : 'no theme headings' }));
  return issues;
}
