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
    kind:
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
  }[];
}
