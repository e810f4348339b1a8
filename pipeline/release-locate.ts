// Points an issue found in a built dataset (a JSON pointer into dataset.json) back at the source file and line it came from.
import type { Dataset } from './model.js';

/** The source and line of the record behind `pointer`, or null when no one source holds it (the plan, a theme). */
export function sourceOfPointer(dataset: Dataset, pointer: string): { source: string; line: number } | null {
  const m = /^\/(\w+)\/(\d+)/.exec(pointer);
  if (!m) return null;
  const table = m[1]!;
  const index = Number(m[2]);
  const sourceOf = (updateNumber: number) => dataset.updates.find((u) => u.updateNumber === updateNumber)?.source;
  const at = (updateNumber: number, actionNumber: number) => {
    const source = sourceOf(updateNumber);
    const row = dataset.progress.find((p) => p.updateNumber === updateNumber && p.actionNumber === actionNumber);
    return source && row ? { source, line: row.sourceFirstLine } : source ? { source, line: 1 } : null;
  };
  switch (table) {
    case 'updates': {
      const row = dataset.updates[index];
      return row ? { source: row.source, line: 1 } : null;
    }
    case 'actions': {
      const row = dataset.actions[index];
      return row ? at(row.latestUpdate, row.actionNumber) : null;
    }
    case 'progress':
    case 'roles':
    case 'changes': {
      const row = dataset[table][index];
      return row ? at(row.updateNumber, row.actionNumber) : null;
    }
    case 'organisations': {
      const id = dataset.organisations[index]?.id;
      const role = dataset.roles.find((r) => r.organisationId === id);
      return role ? at(role.updateNumber, role.actionNumber) : null;
    }
    default:
      return null;
  }
}
