// The CSV writer (csv-stringify) as the pipeline uses it; `npm run build` bundles this module with it (build-vendor.ts).
export { stringify } from 'csv-stringify/sync';
