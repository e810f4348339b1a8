// The logger (pino), writing to a destination the command gives it; `npm run build` bundles this module with it (build-vendor.ts).
export { pino } from 'pino';
