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
  status: List;
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
    pattern: string;
  };
}
export interface List {
  source: string;
  /**
   * @minItems 1
   */
  values: string[];
}
