// Intents of the brand service: switching the brand live, a developer's tool in simulation only.
import { z } from 'zod';
import { BRAND_ID } from '../brand/brandSchema';
import type { IntentSpec } from './contract';

export const brandIntents = {
  /**
   * Show another brand pack now (simulation only; a head unit shows the brand it was started or
   * packaged with). A pack that cannot be used falls back to the default brand with a notice, as at start.
   */
  'brand.select': {
    request: z.strictObject({ id: z.string().regex(BRAND_ID, 'a brand id: lower-case letters, digits and dashes') }),
    response: z.strictObject({ id: z.string(), fallback: z.boolean() }),
    budget: { maxBytes: 256 },
  },
} as const satisfies Record<string, IntentSpec>;
