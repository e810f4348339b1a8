// rdflib's RDF/XML serializer and the store it serializes, loaded only when RDF/XML is written; `npm run build` bundles this module with them (build-vendor.ts).
// Its modules by path: the package's entry also loads its fetcher, parsers and update manager (bundled, 177 against 72 ms of CPU to load).
import literal from 'rdflib/lib/literal.js';
import namedNode from 'rdflib/lib/named-node.js';
import serializer from 'rdflib/lib/serialize.js';
import store from 'rdflib/lib/store.js';
import termFactory from 'rdflib/lib/factories/extended-term-factory.js';

/**
 * What a compiled module of rdflib exports as `default`: Node and esbuild give the default import as
 * the module's `exports` (which holds it), Vite (the tests) gives the export itself.
 */
function exported<T>(module: { default: T }): T {
  return typeof module === 'object' && module !== null && 'default' in module ? module.default : (module as T);
}

export const Literal = exported(literal);
export const serialize = exported(serializer);
const NamedNode = exported(namedNode);
const IndexedFormula = exported(store);
const termFactoryOf = exported(termFactory);
/** A named node, as rdflib's `sym`. */
export const sym = (iri: string) => new NamedNode(iri);
/** An empty store, as rdflib's `graph()`. */
export const graph = () => new IndexedFormula(undefined, { rdfFactory: termFactoryOf });
