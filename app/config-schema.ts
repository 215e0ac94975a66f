/** The schema the app validates `.github/faultline.yml` against, with the sections it references. */
import { registerSchemas } from '../core/schema/validate.ts';
import sloSection from '../policy/schemas/config-slo.schema.json' with { type: 'json' };
import sloPolicy from '../policy/schemas/slo-policy.schema.json' with { type: 'json' };

registerSchemas(sloPolicy, sloSection);

export const appConfigSchema = {
  type: 'object',
  properties: { slo: { $ref: 'https://faultline.dev/schemas/config-slo.schema.json' } },
};
