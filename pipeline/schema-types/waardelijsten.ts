// Types of data/waardelijsten.json, generated from schemas/waardelijsten.schema.json by `npm run schema-types`: do not edit.

/**
 * The value lists data.overheid.nl and data.europa.eu accept, against which `ontsluit check` tests the catalog.
 */
export interface AcceptedValues {
  $schema?: string;
  note: string;
  license: {
    source: string;
    /**
     * @minItems 1
     */
    values: string[];
    /**
     * Each accepted licence and the EU licence-authority URI it equals.
     */
    euLicence?: {
      [k: string]: string | undefined;
    };
  };
  language: List;
  theme: List;
  accessRights: List;
  accrualPeriodicity: List;
  /**
   * The values a dataset's adms:status takes, and for each the DCAT-AP-DONL 2.0 status (donl:status) that data.overheid.nl's own exports write for it.
   */
  status: {
    source: string;
    /**
     * @minItems 1
     */
    values: string[];
    /**
     * Each status and the donl:status written beside it; a status without one gets no donl:status.
     */
    donl: {
      [k: string]: string | undefined;
    };
    donlSource: string;
  };
  format: {
    source: string;
    /**
     * @minItems 1
     */
    values: string[];
    nonProprietary: string[];
    machineReadable: string[];
  };
  publisher: {
    source: string;
    /**
     * What the IRI of a dataset's dct:publisher and dct:creator looks like.
     */
    pattern: string;
    /**
     * The organisation URI the publisher must also be known by (owl:sameAs), for a portal that matches organisations on that list.
     */
    sameAs: {
      source: string;
      pattern: string;
    };
  };
}
export interface List {
  source: string;
  /**
   * @minItems 1
   */
  values: string[];
}
