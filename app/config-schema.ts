/**
 * The schema the app validates `.github/faultline.yml` against: the same file the CLI and the
 * actions read (policy/schemas/config.schema.json), with the section schemas it references.
 */
import { registerSchemas } from '../core/schema/validate.ts';
import sloSection from '../policy/schemas/config-slo.schema.json' with { type: 'json' };
import configSchema from '../policy/schemas/config.schema.json' with { type: 'json' };
import sloPolicy from '../policy/schemas/slo-policy.schema.json' with { type: 'json' };

registerSchemas(sloPolicy, sloSection);

export const appConfigSchema: object = configSchema;
