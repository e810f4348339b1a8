// rdflib's RDF/XML serializer and the store it serializes, loaded only when RDF/XML is written; `npm run build` bundles this module with it (build-vendor.ts).
export { Literal, graph, serialize, sym } from 'rdflib';
