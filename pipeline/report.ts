// The validation report, shaped like Frictionless' report: {valid, stats, errors, warnings, tasks}.
import { byCodePoint } from './lib/compare.js';
import { OntsluitError, expectedFound, formatLocation, type ErrorCode, type Issue, type Location } from './errors.js';

export type { Issue } from './errors.js';

/** The report of one source (one task). */
export interface TaskReport {
  name: string;
  place: string;
  valid: boolean;
  stats: { bytes: number; sha256: string | null; records: number; errors: number; warnings: number };
  errors: Issue[];
  warnings: Issue[];
}

export interface Report {
  valid: boolean;
  stats: { tasks: number; errors: number; warnings: number };
  errors: Issue[];
  warnings: Issue[];
  tasks: TaskReport[];
}

export function createTask(name: string, place: string): TaskReport {
  return {
    name,
    place,
    valid: true,
    stats: { bytes: 0, sha256: null, records: 0, errors: 0, warnings: 0 },
    errors: [],
    warnings: [],
  };
}

/** Builds an issue from its parts; `location.source` names the file. */
export function issue(
  type: ErrorCode,
  message: string,
  location: Location,
  extra: { expected?: string; found?: string; severity?: 'error' | 'warning' } = {},
): Issue {
  const out: Issue = { type, severity: extra.severity ?? 'error', message, source: location.source };
  if (location.line !== undefined) out.line = location.line;
  if (location.pointer !== undefined) out.pointer = location.pointer;
  if (location.field !== undefined) out.field = location.field;
  if (extra.expected !== undefined) out.expected = extra.expected;
  if (extra.found !== undefined) out.found = extra.found;
  return out;
}

export function issueFromError(error: OntsluitError): Issue {
  const details: { expected?: string; found?: string } = {};
  if (error.expected !== undefined) details.expected = error.expected;
  if (error.found !== undefined) details.found = error.found;
  return issue(error.code, error.message, error.location ?? { source: '(run)' }, details);
}

export function addIssues(task: TaskReport, issues: Issue[]): void {
  for (const item of issues) {
    if (item.severity === 'error') task.errors.push(item);
    else task.warnings.push(item);
  }
  task.stats.errors = task.errors.length;
  task.stats.warnings = task.warnings.length;
  task.valid = task.errors.length === 0;
}

/** Sorts each task's issues by line and rolls the tasks up into one report. */
export function finalize(tasks: TaskReport[], runIssues: Issue[] = []): Report {
  const byLine = (a: Issue, b: Issue) => (a.line ?? 0) - (b.line ?? 0) || byCodePoint(a.pointer ?? '', b.pointer ?? '');
  for (const task of tasks) {
    task.errors.sort(byLine);
    task.warnings.sort(byLine);
  }
  const errors = [...runIssues.filter((i) => i.severity === 'error'), ...tasks.flatMap((t) => t.errors)];
  const warnings = [...runIssues.filter((i) => i.severity === 'warning'), ...tasks.flatMap((t) => t.warnings)];
  return {
    valid: errors.length === 0,
    stats: { tasks: tasks.length, errors: errors.length, warnings: warnings.length },
    errors,
    warnings,
    tasks,
  };
}

/** One line per issue, as a person reads it: `file:line (field at /pointer): message (expected, found) [type]`. */
export function formatIssue(item: Issue, display: (source: string) => string = (s) => s): string {
  const location: Location = { source: display(item.source) };
  if (item.line !== undefined) location.line = item.line;
  if (item.pointer !== undefined) location.pointer = item.pointer;
  if (item.field !== undefined) location.field = item.field;
  const what = expectedFound(item.expected, item.found);
  return `${item.severity}: ${formatLocation(location)}: ${item.message}${what ? ` (${what})` : ''} [${item.type}]`;
}

export function formatReport(report: Report, display?: (source: string) => string): string {
  const lines = [...report.errors, ...report.warnings].map((item) => formatIssue(item, display));
  const { tasks, errors, warnings } = report.stats;
  lines.push(`${report.valid ? 'valid' : 'invalid'}: ${tasks} source(s), ${errors} error(s), ${warnings} warning(s)`);
  return lines.join('\n');
}

/** The report with every issue's `source` passed through `display` (e.g. made relative to the working directory). */
export function relocate(report: Report, display: (source: string) => string): Report {
  const move = (items: Issue[]) => items.map((item) => ({ ...item, source: display(item.source) }));
  return {
    ...report,
    errors: move(report.errors),
    warnings: move(report.warnings),
    tasks: report.tasks.map((t) => ({ ...t, place: display(t.place), errors: move(t.errors), warnings: move(t.warnings) })),
  };
}

