// Types of data/plans.json, generated from schemas/plans.schema.json by `npm run schema-types`: do not edit.

/**
 * Each Actieplan Open Overheid with its action points and their Open Government Partnership commitment ids.
 */
export interface ActionPlans {
  $schema?: string;
  /**
   * @minItems 1
   */
  plans: {
    id: string;
    title: string;
    titleEn: string;
    ogpActionPlan: string;
    commitmentUrlTemplate: string;
    /**
     * Where the OGP ids come from, and what is not known.
     */
    note?: string;
    /**
     * @minItems 1
     */
    actions: {
      number: number;
      /**
       * The Roman numeral of the plan's theme the action belongs to; null where the plan's pages do not say it. An update that files the action under another theme is refused.
       */
      theme: string | null;
      /**
       * The OGP commitment id; null until the match is confirmed.
       */
      ogpCommitment: string | null;
    }[];
  }[];
}
