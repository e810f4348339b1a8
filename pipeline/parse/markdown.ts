// Markdown reader: reads an update page written in Markdown (CommonMark + GFM, optional YAML front matter) into blocks.
import type { Nodes, PhrasingContent, Root, RootContent, Yaml } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';
import { BlockCollector, collapse, type Block, type SourceDocument } from './blocks.js';
import { amsterdamDate, htmlToDocument } from './html.js';

type Kind = Block['kind'];

/** Raw HTML that is only a line break. */
const BR = /^<br\s*\/?>$/i;
const DATE_KEYS = ['date', 'published', 'datePublished', 'publishDate'];


/** The text of inline content, images left out. */
function plain(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'break') return ' ';
  if (node.type === 'image' || node.type === 'imageReference' || node.type === 'html' || node.type === 'footnoteReference') return '';
  return 'children' in node ? (node.children as Nodes[]).map(plain).join('') : '';
}

function lineOf(node: Nodes): number | null {
  return node.position?.start.line ?? null;
}

class Walker extends BlockCollector {
  constructor(private readonly definitions: Map<string, string>) {
    super();
  }

  flow(nodes: RootContent[], kind: Kind): void {
    for (const node of nodes) this.block(node, kind);
  }


  private block(node: RootContent, kind: Kind): void {
    switch (node.type) {
      case 'heading':
        this.open(lineOf(node), this.prefix);
        for (const child of node.children) this.inline(child, 'heading');
        return this.close();
      case 'paragraph': {
        const prefix = this.prefix;
        this.open(lineOf(node), prefix);
        for (const child of node.children) this.inline(child, kind);
        return this.close();
      }
      case 'list': {
        this.close();
        let n = node.start ?? 1;
        for (const item of node.children) {
          const prefix = node.ordered ? `${n++}. ` : null;
          this.open(lineOf(item), prefix);
          this.flow(item.children, 'item');
          this.close();
        }
        return;
      }
      case 'blockquote':
      case 'footnoteDefinition':
        return this.flow(node.children, kind);
      case 'table':
        for (const row of node.children)
          for (const cell of row.children) {
            this.open(lineOf(cell));
            for (const child of cell.children) this.inline(child, kind);
            this.close();
          }
        return;
      case 'code':
        this.open(lineOf(node));
        this.text(node.value, lineOf(node), kind);
        return this.close();
      case 'html': {
        // Raw HTML blocks: read like a page fragment (chrome, comments and scripts drop out).
        this.close();
        const offset = (lineOf(node) ?? 1) - 1;
        for (const b of htmlToDocument(node.value).blocks) this.blocks.push({ ...b, kind: b.kind === 'paragraph' ? kind : b.kind, line: b.line + offset });
        return;
      }
      default:
        // A thematic break marks the next block; definition, yaml: no text. Stray phrasing content: read as inline.
        if (node.type === 'thematicBreak') return this.thematicBreak();
        if (node.type === 'definition' || node.type === 'yaml') return;
        this.inline(node as PhrasingContent, kind);
    }
  }

  private inline(node: PhrasingContent, kind: Kind): void {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        return this.text(node.value, lineOf(node), kind);
      case 'break':
        return kind === 'heading' ? this.text(' ', lineOf(node), kind) : this.flush();
      case 'html':
        if (BR.test(node.value.trim())) return kind === 'heading' ? this.text(' ', lineOf(node), kind) : this.flush();
        return; // other inline tags: their text is in the text nodes around them
      case 'image':
      case 'imageReference':
      case 'footnoteReference':
        return;
      case 'link':
      case 'linkReference': {
        for (const child of node.children) this.inline(child, kind);
        const href = node.type === 'link' ? node.url : this.definitions.get(node.identifier.toLowerCase());
        const text = collapse(plain(node));
        if (href && text) this.link({ text, href });
        return;
      }
      default:
        // emphasis, strong, delete: markup dropped, text kept.
        if ('children' in node) for (const child of node.children) this.inline(child, kind);
    }
  }

}

interface FrontMatter {
  published: string | null;
  title: { text: string; line: number } | null;
}

/** `date:` (or `published:`) and `title:` from YAML front matter; invalid YAML states nothing. */
function frontMatter(node: Yaml | undefined): FrontMatter {
  const none: FrontMatter = { published: null, title: null };
  if (!node) return none;
  let data: unknown;
  try {
    data = parseYaml(node.value);
  } catch {
    return none;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return none;
  const fields = data as Record<string, unknown>;
  let published: string | null = null;
  for (const key of DATE_KEYS) {
    const value = fields[key];
    if (typeof value === 'string') published = amsterdamDate(value);
    else if (value instanceof Date && !Number.isNaN(value.getTime())) published = amsterdamDate(value.toISOString());
    if (published) break;
  }
  let title: FrontMatter['title'] = null;
  if (typeof fields.title === 'string' && collapse(fields.title) !== '') {
    const index = node.value.split('\n').findIndex((l) => /^title\s*:/.test(l));
    title = { text: collapse(fields.title), line: (lineOf(node) ?? 1) + 1 + Math.max(index, 0) };
  }
  return { published, title };
}

/**
 * Reads Markdown into blocks: headings, paragraphs (a hard line break splits one; a soft one is a space)
 * and list items (ordered ones keep their number). Emphasis is dropped with its text kept, link text
 * stays in the text and the link in `links`, images are dropped. `published` comes from the front
 * matter's `date:`; a front-matter `title:` is the title when the document has no `#` heading.
 */
export function markdownToDocument(markdown: string): SourceDocument {
  const tree: Root = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).parse(markdown);
  const definitions = new Map<string, string>();
  const visit = (node: Nodes): void => {
    if (node.type === 'definition') definitions.set(node.identifier.toLowerCase(), node.url);
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(tree);
  const yaml = tree.children.find((n): n is Yaml => n.type === 'yaml');
  const meta = frontMatter(yaml);
  const walker = new Walker(definitions);
  const blocks: Block[] = [];
  if (meta.title && !tree.children.some((n) => n.type === 'heading' && n.depth === 1)) blocks.push({ kind: 'heading', text: meta.title.text, line: meta.title.line });
  walker.flow(tree.children, 'paragraph');
  blocks.push(...walker.blocks);
  return { blocks, published: meta.published };
}
