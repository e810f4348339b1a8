// Reads a JSON file keeping positions, so that a JSON pointer can be traced back to its line.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Node, ParseError } from 'jsonc-parser';
import { OntsluitError } from './errors.js';

/** jsonc-parser keeps positions; it is loaded only to locate a problem (valid JSON is read with JSON.parse). */
const jsonc = () => createRequire(import.meta.url)('jsonc-parser') as typeof import('jsonc-parser');

export interface JsonSource {
  path: string;
  data: unknown;
  /** The 1-based line of the value at a JSON pointer, or of its nearest existing parent. */
  lineOf(pointer: string): number | undefined;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export function readJsonSource(path: string, displayPath = path): JsonSource {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new OntsluitError('config-unreadable', 'cannot read the file', {
      location: { source: displayPath },
      expected: 'a readable JSON file',
      found: (cause as NodeJS.ErrnoException).code ?? String(cause),
      cause,
    });
  }
  return parseJsonSource(text, displayPath);
}

export function parseJsonSource(text: string, displayPath: string): JsonSource {
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch {
    throw syntaxError(text, displayPath);
  }
  let tree: Node | undefined;
  return {
    path: displayPath,
    data,
    lineOf(pointer) {
      const { findNodeAtLocation, parseTree } = jsonc();
      tree ??= parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
      if (!tree) return undefined;
      const segments = pointer
        .split('/')
        .slice(1)
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      for (let n = segments.length; n >= 0; n--) {
        const node: Node | undefined = findNodeAtLocation(tree, segments.slice(0, n));
        if (node) return lineAt(text, node.parent?.type === 'property' ? node.parent.offset : node.offset);
      }
      return undefined;
    },
  };
}

/** The first syntax error of a file that is not JSON, with its line. */
function syntaxError(text: string, displayPath: string): OntsluitError {
  const { parseTree, printParseErrorCode } = jsonc();
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  return new OntsluitError('config-invalid', 'the file is not valid JSON', {
    location: { source: displayPath, line: lineAt(text, first?.offset ?? 0) },
    expected: 'JSON',
    found: first ? printParseErrorCode(first.error) : text.trim() === '' ? 'an empty file' : 'not JSON',
  });
}
