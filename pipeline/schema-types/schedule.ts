// Types of data/schedule.json, generated from schemas/schedule.schema.json by `npm run schema-types`: do not edit.

/**
 * When `ontsluit schedule` runs the pipeline.
 */
export interface Schedule {
  $schema?: string;
  /**
   * A cron expression with 5 fields (or 6, with seconds first), as node-cron reads it.
   */
  cron: string;
  /**
   * An IANA time zone, e.g. Europe/Amsterdam.
   */
  timezone: string;
  note?: string;
}
