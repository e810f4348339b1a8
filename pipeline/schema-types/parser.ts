// Types of data/parser.json, generated from schemas/parser.schema.json by `npm run schema-types`: do not edit.

/**
 * Site boilerplate and list wording that the update parser recognises.
 */
export interface ParserSettings {
  $schema?: string;
  /**
   * Regular expressions; the first paragraph after the last action that matches one starts the page footer.
   */
  footerStart: string[];
  /**
   * Regular expressions for paragraphs that are page chrome, not text, wherever they stand (image captions such as "Beeld: © …").
   */
  dropParagraphs: string[];
  /**
   * Words dropped from the start of an organisation name in a holder or partner list ('met de Nederlandse Taalunie').
   */
  leadingWords: string[];
  /**
   * What a source may be before it is parsed, and how long its parse may take. A source beyond a limit is refused with a coded error (exit 1) at its file and line. A limit left out takes its default.
   */
  limits?: {
    /**
     * Largest source in bytes (default 5000000).
     */
    maxSourceBytes?: number;
    /**
     * Most lines in a source (default 50000).
     */
    maxLines?: number;
    /**
     * Deepest nesting of HTML elements, Markdown block quotes, lists and brackets (default 100).
     */
    maxNestingDepth?: number;
    /**
     * Most cells in the tables of a Markdown source, counted as its "|" (default 20000).
     */
    maxTableCells?: number;
    /**
     * Time budget to parse one source, in milliseconds (default 10000).
     */
    parseTimeMs?: number;
  };
}
