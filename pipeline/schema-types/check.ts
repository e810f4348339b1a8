// Types of data/check.json, generated from schemas/check.schema.json by `npm run schema-types`: do not edit.

/**
 * What `ontsluit check` accepts: the recommended-shape warnings that cannot apply yet (with the reason) and the lowest MQA score a dataset may have.
 */
export interface PreflightSettings {
  $schema?: string;
  recommendedWarnings: {
    path: string;
    target: "catalog" | "dataset" | "distribution" | "series";
    reason: string;
  }[];
  minimumMqaScore: number;
}
