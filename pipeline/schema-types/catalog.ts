// Types of data/catalog.json, generated from schemas/catalog.schema.json by `npm run schema-types`: do not edit.

export type Year = string;

/**
 * What the DCAT catalog says about the catalog and its datasets, and where the release is hosted.
 */
export interface CatalogAndDatasetMetadata {
  $schema?: string;
  /**
   * Where the release is hosted; IRIs are minted under it (no trailing slash).
   */
  baseUrl: string;
  catalog: {
    id: string;
    title: Text;
    description: Text;
    homepage: string;
  };
  /**
   * The dcat:DatasetSeries that groups the datasets, one per plan.
   */
  series: {
    id: string;
    title: Text;
    description: Text;
  };
  /**
   * The SPARQL endpoint (dcat:DataService) that `ontsluit serve` offers at <baseUrl>/sparql.
   */
  service: {
    id: string;
    title: Text;
    description: Text;
  };
  /**
   * Id of the publishing organisation in organisations.json; also the creator.
   */
  publisher: string;
  contactPoint: {
    name: string;
    email: string;
    telephone: string;
    note?: string;
  };
  /**
   * Labels (skos:prefLabel) of the themes, status and access right the catalog uses, which DCAT-AP requires of every skos:Concept it names.
   */
  conceptLabels: {
    [k: string]: Text | undefined;
  };
  /**
   * @minItems 1
   */
  datasets: {
    plan: string;
    slug: string;
    title: Text;
    description: Text;
    keywords: Words;
    /**
     * @minItems 1
     */
    themes: string[];
    spatial: string;
    temporal: {
      start: Year;
      end: Year;
    };
    frequency: string;
    license: string;
    rights: Text1;
    /**
     * Status of the dataset (adms:status), from the EU dataset-status table that DCAT-AP-NL 3.0 names, e.g. http://publications.europa.eu/resource/authority/dataset-status/DEVELOP while updates may still come.
     */
    status: string;
    /**
     * The plan's own page (foaf:page); the dataset's landing page is generated into the release.
     */
    planPage: string;
  }[];
}
export interface Text {
  nl: string;
  en: string;
}
export interface Words {
  /**
   * @minItems 1
   */
  nl: string[];
  /**
   * @minItems 1
   */
  en: string[];
}
/**
 * Rights statement on every distribution (dct:rights).
 */
export interface Text1 {
  nl: string;
  en: string;
}
