// The chart libraries (vega, vega-lite) as the charts use them; `npm run build` bundles this module with them (build-vendor.ts).
export { View, parse } from 'vega';
export { compile, type TopLevelSpec } from 'vega-lite';
