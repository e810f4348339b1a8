// The clients linked-data users have, with their default settings, against `ontsluit serve` on 127.0.0.1: rdflib, SPARQLWrapper, rapper and roqet.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';
import { serveDist, type Listening } from './support/http.js';

// Debian's python3 (the one with python3-rdflib and python3-sparqlwrapper), not another python3 on the PATH.
const PYTHON = '/usr/bin/python3';
const has = (command: string, ...args: string[]) => existsSync(command) && spawnSync(command, args, { timeout: 20_000 }).status === 0;
const RDFLIB = has(PYTHON, '-c', 'import rdflib');
const SPARQLWRAPPER = has(PYTHON, '-c', 'import SPARQLWrapper');
const RAPPER = has('/usr/bin/rapper', '--version');
const ROQET = has('/usr/bin/roqet', '--version');
const AOO = 'https://data.open-overheid.nl/def/actieplan#';
const DATASET = 'https://data.open-overheid.nl/id/dataset/actieplan-open-overheid-2020-2022';
const QUERY = readFileSync(join(ROOT, 'data', 'queries', 'actions-per-theme.rq'), 'utf8');

/** Runs a client (never synchronously: the server answers from this same process). */
async function run(command: string, args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(command, args, { encoding: 'utf8', timeout: 30_000 });
  return stdout;
}
/** Its stdout and stderr whatever its exit code (roqet prints a boolean result on stderr and exits 2). */
async function output(command: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, { encoding: 'utf8', timeout: 30_000 });
    return stdout + stderr;
  } catch (error) {
    const { stdout = '', stderr = '', killed } = error as { stdout?: string; stderr?: string; killed?: boolean };
    if (killed) throw error;
    return stdout + stderr;
  }
}
const python = async (script: string, ...args: string[]) => JSON.parse(await run(PYTHON, ['-c', script, ...args])) as Record<string, unknown>;

let server: Listening;
beforeAll(async () => {
  server = await serveDist();
});
afterAll(() => server?.close());

describe.skipIf(!RDFLIB)('rdflib (python3-rdflib), Graph().parse(IRI) as it comes', () => {
  const script = `
import json, sys, rdflib
g = rdflib.Graph()
g.parse(sys.argv[1])
s, p = sys.argv[2], sys.argv[3]
print(json.dumps({"triples": len(g), "values": sorted(str(o) for o in g.objects(rdflib.URIRef(s), rdflib.URIRef(p)))}))
`;
  it('an /id/ IRI: 303, then RDF/XML with the action', async () => {
    const out = await python(script, `${server.origin}/id/actieplan/2020-2022/actiepunt/7`, 'https://data.open-overheid.nl/id/actieplan/2020-2022/actiepunt/7', `${AOO}nummer`);
    expect(out.values).toEqual(['7']);
    expect(out.triples).toBeGreaterThan(5);
  });

  it('an aoo: term: its labels in nl and en', async () => {
    const out = await python(script, `${server.origin}/def/actieplan#Actiepunt`, `${AOO}Actiepunt`, 'http://www.w3.org/2000/01/rdf-schema#label');
    expect(out.values).toEqual(['Actiepunt', 'Action point']);
  });

  it('the VoID description', async () => {
    const out = await python(script, `${server.origin}/.well-known/void`, DATASET, 'http://rdfs.org/ns/void#sparqlEndpoint');
    expect(out.values).toEqual(['https://data.open-overheid.nl/sparql']);
  });
});

describe.skipIf(!SPARQLWRAPPER)('SPARQLWrapper (python3-sparqlwrapper), default settings', () => {
  const script = `
import json, sys
from SPARQLWrapper import SPARQLWrapper
s = SPARQLWrapper(sys.argv[1])
s.setQuery(sys.argv[2])
r = s.query()
res = r.convert()
kind = type(res).__name__
out = {"type": r.response.headers.get("content-type"), "kind": kind}
if kind == "Document": out["results"] = len(res.getElementsByTagName("result")); out["boolean"] = [b.firstChild.data for b in res.getElementsByTagName("boolean")]
elif isinstance(res, __import__("rdflib").Graph): out["kind"] = "Graph"; out["triples"] = len(res)
else: out["value"] = str(res)
print(json.dumps(out))
`;
  it('SELECT: the rows of actions-per-theme.rq as SPARQL XML', async () => {
    const out = await python(script, `${server.origin}/sparql`, QUERY);
    expect(out.type).toContain('application/sparql-results+xml');
    expect(out.results).toBe(7);
  });

  it('ASK: true', async () => {
    const out = await python(script, `${server.origin}/sparql`, `ASK { ?a <${AOO}nummer> 7 }`);
    expect(out.boolean).toEqual(['true']);
  });

  it('CONSTRUCT and DESCRIBE: an rdflib graph, from RDF/XML', async () => {
    const construct = await python(script, `${server.origin}/sparql`, `CONSTRUCT { ?a <${AOO}nummer> ?n } WHERE { ?a <${AOO}nummer> ?n }`);
    expect(construct.type).toContain('application/rdf+xml');
    expect(construct.triples).toBe(13);
    const describe = await python(script, `${server.origin}/sparql`, 'DESCRIBE <https://data.open-overheid.nl/id/actieplan/2020-2022/actiepunt/7>');
    expect(describe.kind).toBe('Graph');
    expect(describe.triples).toBeGreaterThan(5);
  });
});

describe.skipIf(!RAPPER)('rapper (raptor2-utils) -i guess', () => {
  it.each([
    ['/id/actieplan/2020-2022/actiepunt/7', `<${AOO}nummer> "7"`],
    ['/def/actieplan', `<${AOO}Actiepunt> <http://www.w3.org/2000/01/rdf-schema#label> "Action point"@en`],
    ['/.well-known/void', `<${DATASET}> <http://rdfs.org/ns/void#sparqlEndpoint>`],
  ])('%s parses', async (path, line) => {
    const out = await run('/usr/bin/rapper', ['-q', '-i', 'guess', '-o', 'ntriples', `${server.origin}${path}`]);
    expect(out).toContain(line);
  });
});

describe.skipIf(!ROQET)('roqet (rasqal-utils)', () => {
  it('-p: a SELECT through the protocol, rows as expected', async () => {
    const out = await run('/usr/bin/roqet', ['-q', '-r', 'csv', '-e', QUERY, '-p', `${server.origin}/sparql`]);
    expect(out.trim().split(/\r?\n/)).toHaveLength(8);
  });

  it('-p with -D: the protocol default-graph-uri chooses the graph', async () => {
    const count = async (args: string[]) => (await run('/usr/bin/roqet', ['-q', '-r', 'csv', '-e', 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }', ...args, '-p', `${server.origin}/sparql`])).trim().split(/\r?\n/)[1];
    const triples = readFileSync(join(ROOT, 'dist', 'actieplan-open-overheid-2020-2022', 'dataset.nt'), 'utf8').trim().split('\n').length;
    expect(await count(['-D', DATASET])).toBe(String(triples));
  });

  it('-D an /id/ IRI: roqet dereferences it and answers CONSTRUCT and ASK', async () => {
    const iri = `${server.origin}/id/actieplan/2020-2022/actiepunt/7`;
    expect(await run('/usr/bin/roqet', ['-q', '-e', `CONSTRUCT { ?a <${AOO}nummer> ?n } WHERE { ?a <${AOO}nummer> ?n }`, '-D', iri])).toContain(`<${AOO}nummer> "7"`);
    expect(await output('/usr/bin/roqet', ['-q', '-e', `ASK { ?a <${AOO}nummer> 7 }`, '-D', iri])).toContain('boolean result: true');
    expect(await output('/usr/bin/roqet', ['-q', '-e', `ASK { ?a <${AOO}nummer> 8 }`, '-D', iri])).toContain('boolean result: false');
  });
});
