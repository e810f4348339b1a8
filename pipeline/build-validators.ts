// Build step: writes build/validators.cjs, every schema's ajv validator as standalone code, so no run compiles a schema.
import { writeFileSync } from 'node:fs';
import { DEFAULTS } from './options.js';
import { PRECOMPILED, standaloneValidators } from './validate.js';

writeFileSync(PRECOMPILED, standaloneValidators(DEFAULTS.schemaDir));
