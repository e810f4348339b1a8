// SHACL validation of the catalog against the DCAT-AP 3.0.1 and DCAT-AP-NL 3.0 shapes in schemas/shacl/.
import { byCodePoint } from '../lib/compare.js';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import factory from '@zazuko/env';
import { Parser, Store, type Quad } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';

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
}

export interface ShaclReport {
  conforms: boolean;
  results: ShaclResult[];
  shapesFiles: string[];
}

export interface ShaclChecker {
  validate(quads: Quad[]): Promise<ShaclReport>;
}

const SH = 'http://www.w3.org/ns/shacl#';

/** Loads every `*.ttl` in `shapesDir` once; `validate` can then be called per release. */
export function createShaclChecker(shapesDir: string): ShaclChecker {
  const files = readdirSync(shapesDir).filter((f) => f.endsWith('.ttl')).sort();
  const shapes = factory.dataset();
  const origin = new Map<string, string>();
  for (const file of files) {
    for (const quad of new Parser().parse(readFileSync(join(shapesDir, file), 'utf8'))) {
      shapes.add(quad);
      if (quad.subject.termType === 'NamedNode' && !origin.has(quad.subject.value)) origin.set(quad.subject.value, file);
    }
  }
  const validator = new SHACLValidator(shapes, { factory });
  return {
    async validate(quads) {
      const report = await validator.validate(new Store(quads));
      const results: ShaclResult[] = report.results.map((r) => {
        const shape = r.sourceShape?.value ?? '';
        return {
          severity: (r.severity?.value.replace(SH, '') ?? 'Violation') as ShaclResult['severity'],
          focusNode: r.focusNode?.value ?? '',
          path: r.path?.value ?? null,
          message: r.message.map((m) => m.value).join(' ') || (r.sourceConstraintComponent?.value.replace(SH, '') ?? ''),
          value: r.value?.value ?? null,
          constraint: r.sourceConstraintComponent?.value.replace(SH, '') ?? '',
          shape,
          shapesFile: origin.get(shape) ?? '',
        };
      });
      results.sort((a, b) => byCodePoint(a.severity, b.severity) || byCodePoint(a.focusNode, b.focusNode) || byCodePoint(a.path ?? '', b.path ?? ''));
      return { conforms: report.conforms, results, shapesFiles: files };
    },
  };
}
