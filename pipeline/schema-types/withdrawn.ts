// Types of data/withdrawn.json, generated from schemas/withdrawn.schema.json by `npm run schema-types`: do not edit.

/**
 * IRIs taken out of the release on purpose, with when and why.
 */
export interface WithdrawalRecords {
  $schema?: string;
  note?: string;
  withdrawn: {
    iri: string;
    date: string;
    reason: string;
    replacedBy?: string;
  }[];
}
