// The command-line parser (commander); `npm run build` bundles this module with it (build-vendor.ts).
export { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
