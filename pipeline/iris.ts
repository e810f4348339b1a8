// Mints IRIs from stable keys under the configured base URL, following the Dutch URI strategy (/id/, /def/).

export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dct: 'http://purl.org/dc/terms/',
  dcat: 'http://www.w3.org/ns/dcat#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  org: 'http://www.w3.org/ns/org#',
  prov: 'http://www.w3.org/ns/prov#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  spdx: 'http://spdx.org/rdf/terms#',
  adms: 'http://www.w3.org/ns/adms#',
  csvw: 'http://www.w3.org/ns/csvw#',
} as const;

export type Prefix = keyof typeof NS;

/** rdf:type, for the modules that compare each quad's predicate with it. */
export const RDF_TYPE = `${NS.rdf}type`;

/** The IRIs of one release, all derived from `baseUrl` and the stable keys of the data. */
export class Iris {
  readonly base: string;
  /** Namespace of ontsluit's own terms: `<base>/def/actieplan#`. */
  readonly vocab: string;

  constructor(baseUrl: string) {
    this.base = baseUrl.replace(/\/+$/, '');
    this.vocab = `${this.base}/def/actieplan#`;
  }

  /** The IRI of ontsluit's vocabulary: `<base>/def/actieplan`, the owl:Ontology and the name of its graph. */
  get ontology(): string {
    return this.vocab.replace(/#$/, '');
  }

  /** The inverse of `catalog()`: the base URL a catalog IRI was minted under, or undefined for another IRI. */
  static baseOfCatalog(catalogIri: string): string | undefined {
    return /^(https?:\/\/.+?)\/id\/catalogus\/[^/]+$/.exec(catalogIri)?.[1];
  }

  /** `<base>/id/<path>`; `path` is also the literal used as dct:identifier. */
  id(path: string): string {
    return `${this.base}/id/${path}`;
  }

  plan(plan: string): string {
    return this.id(planPath(plan));
  }
  themeScheme(plan: string): string {
    return this.id(`${planPath(plan)}/thema`);
  }
  theme(plan: string, numeral: string): string {
    return this.id(themePath(plan, numeral));
  }
  action(plan: string, number: number): string {
    return this.id(actionPath(plan, number));
  }
  update(plan: string, number: number): string {
    return this.id(updatePath(plan, number));
  }
  progress(plan: string, update: number, action: number): string {
    return this.id(progressPath(plan, update, action));
  }
  organisation(id: string): string {
    return this.id(`organisatie/${id}`);
  }
  status(status: string): string {
    return this.id(`voortgangsstatus/${status}`);
  }
  statusScheme(): string {
    return this.id('voortgangsstatus');
  }
  term(local: string): string {
    return `${this.vocab}${local}`;
  }
  catalog(id: string): string {
    return this.id(`catalogus/${id}`);
  }
  dataset(slug: string): string {
    return this.id(`dataset/${slug}`);
  }
  distribution(slug: string, file: string): string {
    return this.id(`dataset/${slug}/distributie/${file.replace(/[^A-Za-z0-9.-]+/g, '-')}`);
  }
  /** Where a release file can be downloaded. */
  download(path: string): string {
    return `${this.base}/${path}`;
  }
}

export const planPath = (plan: string) => `actieplan/${plan}`;
export const themePath = (plan: string, numeral: string) => `${planPath(plan)}/thema/${numeral}`;
export const actionPath = (plan: string, number: number) => `${planPath(plan)}/actiepunt/${number}`;
export const updatePath = (plan: string, number: number) => `${planPath(plan)}/update/${number}`;
export const progressPath = (plan: string, update: number, action: number) => `${updatePath(plan, update)}/actiepunt/${action}`;
