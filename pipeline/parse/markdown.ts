// Markdown reader: reads an update page written in Markdown (CommonMark + GFM, optional YAML front matter) into blocks.
import type { Nodes, PhrasingContent, Root, RootContent, Yaml } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';
import { BlockCollector, collapse, type Block, type SourceDocument } from './blocks.js';
import { amsterdamDate, htmlToDocument } from './html.js';
import { NO_DEADLINE, type Deadline } from './limits.js';

type Kind = Block['kind'];

/** Raw HTML that is only a line break. */
const BR = /^<br\s*\/?>$/i;
const DATE_KEYS = ['date', 'published', 'datePublished', 'publishDate'];


/** The text of inline content, images left out (walked with a stack: no recursion). */
function plain(node: Nodes): string {
  const parts: string[] = [];
  const stack: Nodes[] = [node];
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (n.type === 'text' || n.type === 'inlineCode') parts.push(n.value);
    else if (n.type === 'break') parts.push(' ');
    else if (n.type === 'image' || n.type === 'imageReference' || n.type === 'html' || n.type === 'footnoteReference') continue;
    else if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Nodes);
  }
  return parts.join('');
}

function lineOf(node: Nodes): number | null {
  return node.position?.start.line ?? null;
}

/** Walks the tree into blocks; each node's steps go on the collector's stack, so deep trees never deepen the call stack. */
class Walker extends BlockCollector {
  constructor(
    private readonly definitions: Map<string, string>,
    deadline: Deadline,
  ) {
    super(deadline);
  }

  flow(nodes: RootContent[], kind: Kind): void {
    this.schedule(nodes.map((node) => () => this.block(node, kind)));
    this.drain();
  }

  /** Steps: open a block, read inline children, close it. */
  private inlineBlock(line: number | null, prefix: string | null, children: PhrasingContent[], kind: Kind): void {
    this.schedule([() => this.open(line, prefix), ...children.map((child) => () => this.inline(child, kind)), () => this.close()]);
  }


  private block(node: RootContent, kind: Kind): void {
    switch (node.type) {
      case 'heading':
        return this.inlineBlock(lineOf(node), this.prefix, node.children, 'heading');
      case 'paragraph':
        return this.inlineBlock(lineOf(node), this.prefix, node.children, kind);
      case 'list': {
        this.close();
        let n = node.start ?? 1;
        const steps: (() => void)[] = [];
        for (const item of node.children) {
          const prefix = node.ordered ? `${n++}. ` : null;
          steps.push(() => this.open(lineOf(item), prefix), ...item.children.map((child) => () => this.block(child, 'item')), () => this.close());
        }
        return this.schedule(steps);
      }
      case 'blockquote':
      case 'footnoteDefinition':
        return this.schedule(node.children.map((child) => () => this.block(child, kind)));
      case 'table':
        return this.schedule(node.children.flatMap((row) => row.children.map((cell) => () => this.inlineBlock(lineOf(cell), null, cell.children, kind))));
      case 'code':
        this.open(lineOf(node));
        this.text(node.value, lineOf(node), kind);
        return this.close();
      case 'html': {
        // Raw HTML blocks: read like a page fragment (chrome, comments and scripts drop out).
        this.close();
        const offset = (lineOf(node) ?? 1) - 1;
        for (const b of htmlToDocument(node.value, this.deadline).blocks) this.blocks.push({ ...b, kind: b.kind === 'paragraph' ? kind : b.kind, line: b.line + offset });
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
        const href = node.type === 'link' ? node.url : this.definitions.get(node.identifier.toLowerCase());
        return this.schedule([
          ...node.children.map((child) => () => this.inline(child, kind)),
          () => {
            const text = collapse(plain(node));
            if (href && text) this.link({ text, href });
          },
        ]);
      }
      default:
        // emphasis, strong, delete: markup dropped, text kept.
        if ('children' in node) this.schedule(node.children.map((child) => () => this.inline(child, kind)));
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
export function markdownToDocument(markdown: string, deadline: Deadline = NO_DEADLINE): SourceDocument {
  const tree: Root = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).parse(markdown);
  deadline.check(undefined, true);
  const definitions = new Map<string, string>();
  const stack: Nodes[] = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'definition') definitions.set(node.identifier.toLowerCase(), node.url);
    // Children go on the stack last first, so definitions are met in document order.
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  const yaml = tree.children.find((n): n is Yaml => n.type === 'yaml');
  const meta = frontMatter(yaml);
  const walker = new Walker(definitions, deadline);
  walker.flow(tree.children, 'paragraph');
  const title: Block[] = meta.title && !tree.children.some((n) => n.type === 'heading' && n.depth === 1) ? [{ kind: 'heading', text: meta.title.text, line: meta.title.line }] : [];
  return { blocks: title.length ? title.concat(walker.blocks) : walker.blocks, published: meta.published };
}
