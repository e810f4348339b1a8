// The fixed-point benchmark gives the other checkout the generated corpus in the form its own schemas accept.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { referenceData } from '../../bench/reference.js';
import { corpus } from '../../bench/scale.js';
import { ROOT } from '../helpers.js';

type Plans = { plans: { id: string; actions: Record<string, unknown>[] }[] };
const made: string[] = [];
const temp = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A checkout whose plans schema knows no `theme` for an action, as before themes were given per action. */
function olderCheckout(): string {
  const root = temp('ontsluit-older-');
  cpSync(join(ROOT, 'data'), join(root, 'data'), { recursive: true });
  mkdirSync(join(root, 'schemas'));
  const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'plans.schema.json'), 'utf8')) as { properties: { plans: { items: { properties: { actions: { items: { properties: Record<string, unknown> } } } } } } };
  const action = schema.properties.plans.items.properties.actions.items.properties;
  expect(Object.keys(action)).toContain('theme');
  delete action.theme;
  writeFileSync(join(root, 'schemas', 'plans.schema.json'), JSON.stringify(schema));
  return root;
}

describe('referenceData', () => {
  const data = corpus(3, 20);
  made.push(data);
  const generated = JSON.parse(readFileSync(join(data, 'plans.json'), 'utf8')) as Plans;
  const actions = generated.plans.find((p) => p.id === '2020-2022')!.actions;

  it('keeps only the action keys the older schema knows, and every generated action', () => {
    const into = referenceData(olderCheckout(), data, join(temp('ontsluit-ref-'), 'data'));
    const plan = (JSON.parse(readFileSync(join(into, 'plans.json'), 'utf8')) as Plans).plans.find((p) => p.id === '2020-2022')!;
    expect(plan.actions).toHaveLength(20);
    expect(plan.actions).toEqual(actions.map(({ number, ogpCommitment }) => ({ number, ogpCommitment })));
    expect(plan.actions.some((a) => 'theme' in a)).toBe(false);
  });

  it('keeps the keys a checkout with themes knows', () => {
    const into = referenceData(ROOT, data, join(temp('ontsluit-ref-'), 'data'));
    const plan = (JSON.parse(readFileSync(join(into, 'plans.json'), 'utf8')) as Plans).plans.find((p) => p.id === '2020-2022')!;
    expect(plan.actions).toEqual(actions);
    expect(plan.actions[0]).toHaveProperty('theme');
  });

  it('brings the generated updates and their registry, under the checkout own $schema', () => {
    const into = referenceData(olderCheckout(), data, join(temp('ontsluit-ref-'), 'data'));
    expect(readdirSync(join(into, 'updates', 'scale')).sort()).toEqual(['update-1.txt', 'update-2.txt', 'update-3.txt']);
    expect(readFileSync(join(into, 'updates', 'scale', 'update-2.txt'), 'utf8')).toBe(readFileSync(join(data, 'updates', 'scale', 'update-2.txt'), 'utf8'));
    const sources = JSON.parse(readFileSync(join(into, 'sources.json'), 'utf8')) as { $schema?: string; sources: unknown[] };
    const own = JSON.parse(readFileSync(join(ROOT, 'data', 'sources.json'), 'utf8')) as { $schema?: string };
    expect(own.$schema).toBeDefined();
    expect(sources.$schema).toBe(own.$schema);
    expect(sources.sources).toEqual((JSON.parse(readFileSync(join(data, 'sources.json'), 'utf8')) as { sources: unknown[] }).sources);
  });
});
