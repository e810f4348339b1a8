// The HTML libraries (hastscript builds trees, hast-util-to-html serialises them); `npm run build` bundles this module with them (build-vendor.ts).
export { h } from 'hastscript';
export { toHtml } from 'hast-util-to-html';
