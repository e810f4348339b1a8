// The schema.org Dataset of a landing page (JSON-LD in its head) and where a page is served.
import type { Iris } from '../iris.js';
import type { LandingInput } from './landing.js';
import { labelOf } from './landing-text.js';
import { LANGS } from './lang.js';

/** Where a page is served: the release path under the base URL, without a trailing `index.html`. */
export function pageUrl(iris: Iris, pagePath: string): string {
  return iris.download(pagePath).replace(/(^|\/)index\.html$/, '$1');
}

/** A schema.org Dataset for search engines (Google Dataset Search reads it from the page), in the page's language. */
export function schemaOrg(input: LandingInput): Record<string, unknown> {
  const { spec, catalog, iris, dates, publisherName } = input;
  const lang = input.lang ?? 'nl';
  const other = LANGS.find((l) => l !== lang)!;
  const organisation = {
    '@type': 'Organization',
    name: publisherName,
    contactPoint: { '@type': 'ContactPoint', name: catalog.contactPoint.name, email: catalog.contactPoint.email, telephone: catalog.contactPoint.telephone, contactType: 'data' },
  };
  return {
    '@context': 'https://schema.org/',
    '@type': 'Dataset',
    name: spec.title[lang],
    alternateName: spec.title[other],
    description: spec.description[lang],
    url: pageUrl(iris, input.pagePath),
    identifier: iris.dataset(spec.slug),
    sameAs: spec.planPage,
    keywords: spec.keywords[lang],
    inLanguage: lang,
    license: spec.license,
    isAccessibleForFree: true,
    creator: organisation,
    publisher: organisation,
    datePublished: dates.issued,
    dateModified: dates.modified,
    temporalCoverage: `${spec.temporal.start}/${spec.temporal.end}`,
    spatialCoverage: labelOf(spec.spatial, catalog, lang),
    includedInDataCatalog: { '@type': 'DataCatalog', name: catalog.catalog.title[lang], url: iris.download('catalog.ttl') },
    distribution: input.files.map((file) => ({
      '@type': 'DataDownload',
      name: file.title[lang],
      contentUrl: iris.download(file.path),
      encodingFormat: file.mediaType,
      contentSize: `${file.bytes} B`,
    })),
  };
}

/**
 * JSON for a `<script>` element: `<`, `>` and `&` as `\u` escapes, so no `</script>` or `<!--` in
 * the data can end or change the element; U+2028/U+2029 too. The JSON value is unchanged.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
