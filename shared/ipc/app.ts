// Intents of the app shell: notices the driver dismisses, and the About screen's licences.
import { z } from 'zod';
import type { IntentSpec } from './contract';

export const appIntents = {
  /** Dismiss a notice the driver has read. */
  'notices.dismiss': {
    request: z.object({ id: z.string().min(1).max(100) }).strict(),
    response: z.object({ dismissed: z.boolean() }).strict(),
    budget: { maxBytes: 512 },
  },
  /** Licences of shipped dependencies and third-party data attributions; long text, so not while moving. */
  'about.licenses': {
    request: z.object({}).strict(),
    response: z
      .object({
        packages: z.array(
          z.object({ name: z.string(), version: z.string(), license: z.string(), text: z.string() }),
        ),
        dataSources: z.array(z.object({ id: z.enum(['covesaVss']), name: z.string(), license: z.string() })),
      })
      .strict(),
    restriction: 'noLongText',
    budget: { maxBytes: 64 },
  },
} as const satisfies Record<string, IntentSpec>;
