// The RDF library (n3: terms, parser, writer, store) as the pipeline uses it; `npm run build` bundles this module with it (build-vendor.ts).
export { DataFactory, Parser, StreamParser, Store, Writer } from 'n3';
