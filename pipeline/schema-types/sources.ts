// Types of data/sources.json, generated from schemas/sources.schema.json by `npm run schema-types`: do not edit.

/**
 * The update documents ontsluit reads, with the facts the documents themselves do not state.
 */
export interface SourceRegistry {
  $schema?: string;
  /**
   * @minItems 1
   */
  sources: {
    id: string;
    /**
     * Key of the plan in plans.json.
     */
    plan: string;
    /**
     * Path relative to the data directory, or an http(s) URL that is fetched on every run.
     */
    place: string;
    format: "text" | "html" | "markdown";
    /**
     * Used when the document does not number itself; checked against it when it does.
     */
    updateNumber: number | null;
    /**
     * Publication date when the document does not state it; null when unknown.
     */
    published: string | null;
    /**
     * For a URL source: host names (no scheme, port or path) besides the place's own that a redirect may lead to, e.g. www.open-overheid.nl for open-overheid.nl. Whatever the host, loopback, link-local, private and metadata addresses are never fetched from unless the source itself is local (--origin to a local copy).
     */
    allowHosts?: string[];
    /**
     * The update covers only part of its plan on purpose: actions or themes it lacks are then warnings, not errors.
     */
    partial?: {
      /**
       * Why the update lacks actions or themes of its plan.
       */
      reason: string;
    };
    publishedRange?: {
      notBefore: string | null;
      notAfter: string | null;
      /**
       * What in the sources supports the range.
       */
      note: string;
    };
  }[];
}
