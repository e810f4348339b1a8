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
}
