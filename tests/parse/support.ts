// Shared by the reader tests: parse a reader's blocks as parseSource does, and compare records by content.
import type { SourceDocument } from '../../pipeline/parse/blocks.js';
import { footerPatterns } from '../../pipeline/parse/index.js';
import { parseUpdate } from '../../pipeline/parse/update.js';
import type { UpdateRecord } from '../../pipeline/record.js';
import { project } from '../helpers.js';

/** Parses a reader's blocks the way parseSource parses text blocks. */
export function parseDocument(doc: SourceDocument, source: string, place: string, format: 'html' | 'markdown') {
  const { config, registry } = project();
  return parseUpdate(doc.blocks, {
    place,
    format,
    sha256: '0'.repeat(64),
    lines: source.split('\n').length,
    endsWithNewline: source.endsWith('\n'),
    registry,
    footerStart: footerPatterns(config.parser),
    leadingWords: config.parser.leadingWords,
  });
}

/** Everything of a record but where it came from: source, line numbers, links and publication date. */
export function comparable(record: UpdateRecord) {
  const { source: _source, published: _published, publishedRange: _range, themes, actions, ...rest } = record;
  return {
    ...rest,
    themes: themes.map(({ sourceLine: _line, ...theme }) => theme),
    actions: actions.map(({ sourceLines: _lines, links: _links, ...action }) => action),
  };
}

/** The 1-based line of the first occurrence of `needle` in `text`. */
export function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at === -1) throw new Error(`not in the fixture: ${needle}`);
  return text.slice(0, at).split('\n').length;
}

export const texts = (doc: SourceDocument) => doc.blocks.map((b) => b.text);
