// The model: one row per role, one source per update.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../pipeline/model.js';
import { DATA, cli, parseText, project } from './helpers.js';

const PAGE = 'Update #3 Actieplan Open Overheid 2020-2022\nI Open Democratie\n1. Titel\nActiehouder: Ministerie van BZK\nIn samenwerking met: VNG en Vereniging van Nederlandse Gemeenten\nTekst.\n';

describe('buildDataset', () => {
  it('lists an organisation named twice in one list once', async () => {
    const { config, registry } = project();
    const { record } = parseText(PAGE);
    const { dataset } = buildDataset({ plan: config.plans[0]!, records: [record], registry });
    expect(dataset.roles.filter((r) => r.role === 'partner').map((r) => r.organisationId)).toEqual(['vereniging-van-nederlandse-gemeenten']);
  });

  it('refuses two sources for the same update', async () => {
    const data = mkdtempSync(join(tmpdir(), 'ontsluit-twice-'));
    cpSync(DATA, data, { recursive: true });
    const file = join(data, 'sources.json');
    const registry = JSON.parse(readFileSync(file, 'utf8'));
    registry.sources.push({ ...registry.sources[0], id: '2020-2022-update-02-again' });
    writeFileSync(file, JSON.stringify(registry));
    const run = await cli(['validate', '--data', data]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('update 2 of Actieplan Open Overheid 2020-2022 comes from two sources');
    expect(run.stderr).toContain('[duplicate-update]');
  });
});
