// The SHACL validator (rdf-validate-shacl) and the store its datasets live in (rdf-stores); `npm run build` bundles this module with them (build-vendor.ts).
export { default as SHACLValidator } from 'rdf-validate-shacl';
export { default as defaultEnvironment, type Environment } from 'rdf-validate-shacl/src/defaultEnv.js';
export { RdfStore } from 'rdf-stores';
