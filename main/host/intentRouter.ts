// Validates every intent against the contract before a service sees it; bad intents change nothing.
import type { z } from 'zod';
import {
  describeIssues,
  intentContract,
  isIntentName,
  type IntentContract,
  type IntentName,
  type IntentRequest,
  type IntentResponse,
  type IntentResult,
} from '../../shared/ipc/intents';

/** Thrown by a handler that understood the request but will not carry it out; becomes a NOT_ALLOWED result. */
export class IntentRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntentRefused';
  }
}

export type IntentHandlers = {
  [N in IntentName]: (request: z.output<IntentContract[N]['request']>) => Promise<IntentResponse<N>> | IntentResponse<N>;
};

/** Typed for callers that know the intent; anything from a transport arrives as unknown and is validated. */
export interface IntentRouter {
  <N extends IntentName>(name: N, payload: IntentRequest<N>): Promise<IntentResult<IntentResponse<N>>>;
  (name: unknown, payload: unknown): Promise<IntentResult<unknown>>;
}

export interface IntentRouterOptions {
  /** Where rejected intents are reported (one line each) and counted. */
  report: (line: string) => void;
}

export function createIntentRouter(handlers: IntentHandlers, { report }: IntentRouterOptions): IntentRouter {
  const route = async (name: unknown, payload: unknown): Promise<IntentResult<unknown>> => {
    if (!isIntentName(name)) {
      const shown = typeof name === 'string' ? `"${name.slice(0, 80)}"` : typeof name;
      report(`intent rejected: unknown intent ${shown}`);
      return { ok: false, error: { code: 'UNKNOWN_INTENT', message: `unknown intent ${shown}` } };
    }
    const spec = intentContract[name];
    const parsed = spec.request.safeParse(payload);
    if (!parsed.success) {
      const message = `${name}: ${describeIssues(parsed.error)}`;
      report(`intent rejected: ${message}`);
      return { ok: false, error: { code: 'INVALID_REQUEST', message } };
    }
    try {
      const handler = handlers[name] as (request: unknown) => Promise<unknown> | unknown;
      const value = await handler(parsed.data);
      // A response that breaks the contract is a host bug; don't hand it to the renderer.
      const checked = spec.response.safeParse(value);
      if (!checked.success) {
        const message = `${name}: host produced an invalid response (${describeIssues(checked.error)})`;
        report(`intent failed: ${message}`);
        return { ok: false, error: { code: 'FAILED', message } };
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      const message = `${name}: ${(error as Error).message}`;
      if (error instanceof IntentRefused) {
        report(`intent refused: ${message}`);
        return { ok: false, error: { code: 'NOT_ALLOWED', message } };
      }
      report(`intent failed: ${message}`);
      return { ok: false, error: { code: 'FAILED', message } };
    }
  };
  return route as IntentRouter;
}
