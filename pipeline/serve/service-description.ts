// The SPARQL 1.1 Service Description of /sparql, with the default dataset it queries: every graph merged as the default graph, every graph named.
import type { ReleaseStore } from '../sparql.js';

export function serviceDescription(store: ReleaseStore): string {
  const endpoint = `${store.base}/sparql`;
  const named = store.graphs.map((g) => `    sd:namedGraph [ a sd:NamedGraph ; sd:name <${g.name}> ; sd:graph [ a sd:Graph ; void:triples ${g.triples} ] ]`);
  return `@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix void: <http://rdfs.org/ns/void#> .

<${endpoint}> a sd:Service ;
  sd:endpoint <${endpoint}> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>, <http://www.w3.org/ns/formats/SPARQL_Results_XML>,
    <http://www.w3.org/ns/formats/SPARQL_Results_CSV>, <http://www.w3.org/ns/formats/SPARQL_Results_TSV>,
    <http://www.w3.org/ns/formats/Turtle>, <http://www.w3.org/ns/formats/N-Triples>, <http://www.w3.org/ns/formats/JSON-LD>,
    <http://www.w3.org/ns/formats/RDF_XML> ;
  sd:feature sd:UnionDefaultGraph ;
  sd:defaultDataset [
    a sd:Dataset ;
    dct:description "Without default-graph-uri / named-graph-uri and without FROM / FROM NAMED, the default graph is the merge of every graph below, and each is a named graph. The protocol's parameters, else the query's FROM / FROM NAMED, choose another dataset."@en ;
    sd:defaultGraph [ a sd:Graph ; dct:description "The merge of every named graph of this dataset."@en ] ;
${named.join(' ;\n')}
  ] ;
  dct:description "Read-only SPARQL 1.1 endpoint over the release: queries only, with a time limit and a row limit."@en .
`;
}
