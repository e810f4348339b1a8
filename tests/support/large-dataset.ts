// A large dataset for size tests and the pages bench: a real dataset's actions, texts and organisations repeated to N updates × M actions (generated, never published).
import type { ActionRow, Dataset, ProgressRow, UpdateRow } from '../../pipeline/model.js';

/**
 * Update u uses update ((u-1) mod n) of `base` as its template, action a its action ((a-1) mod m), with
 * the same holders, partners and progress text; titles get the new number. About 15 % of the entries
 * repeat the previous update (as in the scale bench's corpus). Roles and changes stay empty: the pages do
 * not show them.
 */
export function largeDataset(base: Dataset, updates: number, actions: number): Dataset {
  const templateUpdates = [...base.updates].sort((a, b) => a.updateNumber - b.updateNumber);
  const templateActions = [...base.actions].sort((a, b) => a.actionNumber - b.actionNumber);
  const texts = new Map(base.progress.map((p) => [`${p.actionNumber}/${p.updateNumber}`, p]));
  const updateRows: UpdateRow[] = Array.from({ length: updates }, (_, i) => {
    const template = templateUpdates[i % templateUpdates.length]!;
    return { ...template, updateNumber: i + 1, title: template.title.replace(/#\d+/, `#${i + 1}`), actionCount: actions };
  });
  const progress: ProgressRow[] = [];
  const actionRows: ActionRow[] = [];
  for (let a = 1; a <= actions; a++) {
    const action = templateActions[(a - 1) % templateActions.length]!;
    let last: ProgressRow | undefined;
    for (let u = 1; u <= updates; u++) {
      const template = templateUpdates[(u - 1) % templateUpdates.length]!;
      const text = texts.get(`${action.actionNumber}/${template.updateNumber}`) ?? [...texts.values()].find((p) => p.actionNumber === action.actionNumber)!;
      const repeats = u > 1 && (a * 7 + u * 13) % 100 < 15;
      last = { ...text, updateNumber: u, actionNumber: a, status: repeats ? 'repeated' : 'new', repeatsUpdate: repeats ? u - 1 : null, repeatedFrom: null };
      progress.push(last);
    }
    actionRows.push({ ...action, actionNumber: a, title: `${action.title} (${a})`, latestUpdate: updates, latestStatus: last?.status ?? action.latestStatus });
  }
  const themes = base.themes.map((theme) => ({ ...theme, actionCount: actionRows.filter((a) => a.themeNumeral === theme.numeral).length }));
  return { ...base, updates: updateRows, themes, actions: actionRows, progress, roles: [], changes: [] };
}
