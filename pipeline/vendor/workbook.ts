// exceljs's streaming workbook writer; `npm run build` bundles this module with it (build-vendor.ts).
import WorkbookWriter from 'exceljs/lib/stream/xlsx/workbook-writer.js';

/**
 * The writer alone: exceljs's package entry also loads the reader and the in-memory workbook (jszip,
 * unzipper and their polyfills), ~0.3 s of CPU at every run for nothing written.
 */
export { WorkbookWriter };
