// Build step: writes build/validators.cjs (every schema's ajv validator) and build/push-api-validator.cjs as standalone code, so no run compiles a schema.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUSH_API_PRECOMPILED, standalonePushApiValidator } from './check/push-api.js';
import { DEFAULTS } from './options.js';
import { PRECOMPILED, standaloneValidators } from './validate.js';

writeFileSync(PRECOMPILED, standaloneValidators(DEFAULTS.schemaDir));
writeFileSync(PUSH_API_PRECOMPILED, standalonePushApiValidator(join(DEFAULTS.schemaDir, 'aanlever-api', 'openapi.json')));
