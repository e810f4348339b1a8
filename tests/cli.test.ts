// The command line: help for every command, exit codes, and `parse` printing the public record.
import { describe, expect, it } from 'vitest';
import { main } from '../pipeline/cli.js';
import { SEED, cli, spawnCli, fixture } from './helpers.js';

async function inProcess(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(['node', 'ontsluit', ...args], { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe('ontsluit CLI', () => {
  it.each([[[]], [['parse']], [['validate']], [['run']]])('--help %j explains the command and exits 0', async (command) => {
    const { code, out } = await inProcess([...command, '--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: ontsluit/);
    if (command.length) expect(out).toContain(`Usage: ontsluit ${command[0]}`);
    else expect(out).toContain('Exit codes: 0 done, 1 invalid data');
  });

  it('exits 2 on an unknown command or option', async () => {
    expect((await inProcess(['publish-everything'])).code).toBe(2);
    expect((await inProcess(['run', '--no-such-option'])).code).toBe(2);
    expect((await inProcess(['parse'])).err).toContain("missing required argument 'file'");
  });

  it('tells the process the command once its arguments are parsed, and not for help or a usage error', async () => {
    const seen: string[] = [];
    const hooks = { beforeCommand: (name: string) => void seen.push(name) };
    const io = { stdout: () => undefined, stderr: () => undefined };
    expect(await main(['node', 'ontsluit', '--log-level', 'error', 'parse', SEED], io, hooks)).toBe(0);
    expect(await main(['node', 'ontsluit', 'run', '--help'], io, hooks)).toBe(0);
    expect(await main(['node', 'ontsluit', 'run', '--no-such-option'], io, hooks)).toBe(2);
    expect(seen).toEqual(['parse']);
  });

  it('parse prints the record of the seed as JSON on stdout, with nothing on stderr', async () => {
    const { code, out, err } = await inProcess(['parse', SEED]);
    expect(code).toBe(0);
    expect(err).toBe('');
    const record = JSON.parse(out);
    expect(record.actions).toHaveLength(13);
    expect(Object.keys(record.actions[0])).toEqual(['number', 'title', 'theme', 'actionHolders', 'partners', 'actionHoldersLine', 'partnersLine', 'status', 'repeatedFrom', 'text', 'mentionedDates', 'sourceLines', 'links']);
  });

  it('parse reads the format from the extension, or from --format', async () => {
    const html = await inProcess(['parse', fixture('update-02-as-html-with-site-chrome.html')]);
    const markdown = await inProcess(['parse', '--format', 'markdown', fixture('update-02-as-markdown.md')]);
    const text = JSON.parse((await inProcess(['parse', SEED])).out);
    for (const run of [html, markdown]) {
      expect(run.code).toBe(0);
      const record = JSON.parse(run.out);
      expect(record.actions.map((a: { actionHolders: string[] }) => a.actionHolders)).toEqual(text.actions.map((a: { actionHolders: string[] }) => a.actionHolders));
    }
    expect(JSON.parse(html.out).source.format).toBe('html');
    const asText = await inProcess(['parse', '--format', 'text', fixture('update-02-as-markdown.md')]);
    expect(JSON.parse(asText.out).source.format).toBe('text');
    expect((await inProcess(['parse', '--format', 'pdf', SEED])).code).toBe(2);
  });

  it('parse on a missing file names it and exits 1', async () => {
    const { code, err } = await inProcess(['parse', 'no/such/update.txt']);
    expect(code).toBe(1);
    expect(err).toBe('error: no/such/update.txt: cannot read the source (expected a readable file, found ENOENT) [source-missing]\n');
  });

  it('the installed bin runs without a TypeScript loader', async () => {
    const run = spawnCli(['--version']);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('SOURCE_DATE_EPOCH must be a number of seconds', async () => {
    const run = await cli(['validate'], { env: { SOURCE_DATE_EPOCH: 'yesterday' } });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('SOURCE_DATE_EPOCH is not a number of seconds');
  });
});
