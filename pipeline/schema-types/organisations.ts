// Types of data/organisations.json, generated from schemas/organisations.schema.json by `npm run schema-types`: do not edit.

/**
 * Known organisations, so that holder and partner lists resolve to one entity per organisation and names that contain ' en ' or commas are never split.
 */
export interface OrganisationRegistry {
  $schema?: string;
  /**
   * Where the URIs come from.
   */
  note?: string;
  organisations: {
    id: string;
    name: string;
    abbreviation: string | null;
    aliases: string[];
    /**
     * null where the source list does not say what kind of body it is.
     */
    kind:
      | null
      | "ministerie"
      | "provincie"
      | "gemeente"
      | "waterschap"
      | "zbo"
      | "rijksorganisatie"
      | "adviesorgaan"
      | "hoog-college-van-staat"
      | "koepelorganisatie"
      | "politie"
      | "kennisinstelling"
      | "stichting"
      | "bedrijf"
      | "internationaal"
      | "collectief";
    tooi: string | null;
    owms: string | null;
    homepage?: string | null;
    /**
     * Where the entry comes from: the published list(s) or file(s) it was read from (scripts/build-organisations.mjs writes them for derived entries).
     *
     * @minItems 1
     */
    source: string[];
  }[];
}
