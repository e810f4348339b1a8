// SHACL validation of the catalog, one profile per SEMIC DCAT-AP release in schemas/shacl/ (3.0.0, 3.0.1), each with the DCAT-AP-NL 3.0 shapes.
import { byCodePoint } from '../lib/compare.js';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from '../vendor/rdf.js';
import type { Quad } from 'n3';
import { RdfStore, SHACLValidator, defaultEnvironment, type Environment } from '../vendor/shacl.js';

export interface ShaclResult {
  severity: 'Violation' | 'Warning' | 'Info';
  focusNode: string;
  path: string | null;
  message: string;
  value: string | null;
  constraint: string;
  shape: string;
  /** The shapes file the failing shape comes from. */
  shapesFile: string;
  /** The profiles (`DCAT-AP 3.0.0 + DCAT-AP-NL 3.0`, …) whose shapes report this result. */
  profiles: string[];
}

/** One profile's outcome: its shapes files and what they found. */
export interface ShaclProfileReport {
  profile: string;
  shapesFiles: string[];
  conforms: boolean;
  violations: number;
  warnings: number;
}

export interface ShaclReport {
  conforms: boolean;
  /** Every result once, with the profiles that report it. */
  results: ShaclResult[];
  shapesFiles: string[];
  profiles: ShaclProfileReport[];
}

export interface ShaclChecker {
  validate(quads: Quad[]): Promise<ShaclReport>;
}

const SH = 'http://www.w3.org/ns/shacl#';
/** The SEMIC DCAT-AP shapes of one release, e.g. `dcat-ap-3.0.1-SHACL.ttl`: each starts a profile. */
const BASE_SHAPES = /^dcat-ap-(\d+\.\d+\.\d+)-SHACL\.ttl$/;

interface Profile {
  name: string;
  files: string[];
  validator: SHACLValidator;
  origin: Map<string, string>;
}

/** A dataset in rdf-stores (its terms in a dictionary, its indexes of numbers) holding `quads`. */
function storeDataset(quads: Iterable<Quad> = []) {
  const store = RdfStore.createDefault();
  for (const quad of quads) store.addQuad(quad);
  return store.asDataset();
}

/**
 * rdf-validate-shacl's own environment, with its datasets in rdf-stores instead of @rdfjs/dataset,
 * whose indexes took 13.5 MB of heap for the 1,874 quads of one shapes file. Building the checker of
 * two profiles took 670-890 ms and left ~87 MB of heap, and its first validation of the catalog
 * 630-790 ms; with these datasets (for the catalog too) 280-350 ms with ~16-20 MB, and 730-800 ms,
 * with the same results (alternating processes on the bundled catalog).
 */
const ENVIRONMENT: Environment = Object.assign(Object.create(defaultEnvironment) as Environment, { dataset: storeDataset });

/** Parses the shapes files into one shapes graph and notes which file each shape comes from. */
function loadProfile(name: string, shapesDir: string, files: string[]): Profile {
  const shapes: Quad[] = [];
  const origin = new Map<string, string>();
  for (const file of files) {
    for (const quad of new Parser().parse(readFileSync(join(shapesDir, file), 'utf8'))) {
      shapes.push(quad);
      if (quad.subject.termType === 'NamedNode' && !origin.has(quad.subject.value)) origin.set(quad.subject.value, file);
    }
  }
  // The validator copies the shapes into a dataset of its own (`[...shapes]`): an array is all it reads.
  return { name, files, validator: new SHACLValidator(shapes as unknown as ConstructorParameters<typeof SHACLValidator>[0], { factory: ENVIRONMENT }), origin };
}

/**
 * Loads the shapes in `shapesDir` once. The SEMIC releases share their shape IRIs, so each
 * `dcat-ap-<version>-SHACL.ttl` becomes a shapes graph of its own, with every other `*.ttl` (the
 * DCAT-AP-NL shapes) added to each; `validate` runs every profile on the same graph.
 */
export function createShaclChecker(shapesDir: string): ShaclChecker {
  const files = readdirSync(shapesDir).filter((f) => f.endsWith('.ttl')).sort();
  const bases = files.filter((f) => BASE_SHAPES.test(f));
  const shared = files.filter((f) => !BASE_SHAPES.test(f));
  const groups = bases.length ? bases.map((b) => [b, ...shared]) : [files];
  const profiles = groups.map((group) => {
    const version = BASE_SHAPES.exec(group[0]!)?.[1];
    const name = version ? `DCAT-AP ${version}${shared.length ? ' + DCAT-AP-NL 3.0' : ''}` : 'shapes';
    return loadProfile(name, shapesDir, group);
  });
  return {
    async validate(quads) {
      const data = storeDataset(quads);
      const merged = new Map<string, ShaclResult>();
      const reports: ShaclProfileReport[] = [];
      for (const profile of profiles) {
        const report = await profile.validator.validate(data);
        const results = report.results.map((r) => toResult(r, profile));
        for (const result of results) {
          const key = JSON.stringify([result.severity, result.focusNode, result.path, result.value, result.constraint, result.shape, result.message]);
          const known = merged.get(key);
          if (known) known.profiles.push(profile.name);
          else merged.set(key, result);
        }
        const violations = results.filter((r) => r.severity === 'Violation').length;
        reports.push({ profile: profile.name, shapesFiles: profile.files, conforms: report.conforms, violations, warnings: results.length - violations });
      }
      const results = [...merged.values()].sort((a, b) => byCodePoint(a.severity, b.severity) || byCodePoint(a.focusNode, b.focusNode) || byCodePoint(a.path ?? '', b.path ?? '') || byCodePoint(a.shapesFile, b.shapesFile));
      return { conforms: reports.every((r) => r.conforms), results, shapesFiles: files, profiles: reports };
    },
  };
}

type ValidationResult = Awaited<ReturnType<SHACLValidator['validate']>>['results'][number];

function toResult(r: ValidationResult, profile: Profile): ShaclResult {
  const shape = r.sourceShape?.value ?? '';
  return {
    severity: (r.severity?.value.replace(SH, '') ?? 'Violation') as ShaclResult['severity'],
    focusNode: r.focusNode?.value ?? '',
    path: r.path?.value ?? null,
    message: r.message.map((m) => m.value).join(' ') || (r.sourceConstraintComponent?.value.replace(SH, '') ?? ''),
    value: r.value?.value ?? null,
    constraint: r.sourceConstraintComponent?.value.replace(SH, '') ?? '',
    shape,
    shapesFile: profile.origin.get(shape) ?? '',
    profiles: [profile.name],
  };
}
