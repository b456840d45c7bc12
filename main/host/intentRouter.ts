// Validates every intent against the contract (budget, schema, driving restrictions) before a service sees it; bad intents change nothing.
import type { z } from 'zod';
import { DEFAULT_BUDGET, overBudget, type IntentReason, type IntentSpec } from '../../shared/ipc/contract';
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
import { isRestricted, type UxRestrictions } from '../../shared/ux/restrictions';

/** Thrown by a handler that understood the request but will not carry it out; becomes a NOT_ALLOWED result. */
export class IntentRefused extends Error {
  constructor(
    message: string,
    /** What the driver is told, translated by the renderer. */
    readonly reason?: IntentReason,
  ) {
    super(message);
    this.name = 'IntentRefused';
  }
}

/** Who sent an intent: a page (one per bridge connection) or the host's own callers. */
export interface IntentCall {
  client: string;
}

export const INTERNAL_CALL: IntentCall = { client: 'host' };

export type IntentHandler<N extends IntentName> = (
  request: z.output<IntentContract[N]['request']>,
  call: IntentCall,
) => Promise<IntentResponse<N>> | IntentResponse<N>;

export type IntentHandlers = { [N in IntentName]: IntentHandler<N> };

/** Typed for callers that know the intent; anything from a transport arrives as unknown and is validated. */
export interface IntentRouter {
  <N extends IntentName>(name: N, payload: IntentRequest<N>, call?: IntentCall): Promise<IntentResult<IntentResponse<N>>>;
  (name: unknown, payload: unknown, call?: IntentCall): Promise<IntentResult<unknown>>;
  /** A payload as JSON text off a bridge: its length is checked before it is parsed. */
  text(name: unknown, json: unknown, call: IntentCall): Promise<IntentResult<unknown>>;
}

export interface IntentRouterOptions {
  /** Where rejected intents are reported (one line each) and counted. */
  report: (line: string) => void;
  /** The driving restrictions in force now (the same answer the renderer shows). */
  restrictions: () => UxRestrictions;
}

export function createIntentRouter(handlers: IntentHandlers, { report, restrictions }: IntentRouterOptions): IntentRouter {
  const reject = (code: 'UNKNOWN_INTENT' | 'INVALID_REQUEST', message: string): IntentResult<never> => {
    report(`intent rejected: ${message}`);
    return { ok: false, error: { code, message } };
  };

  const specOf = (name: unknown): { name: IntentName; spec: IntentSpec } | IntentResult<never> => {
    if (!isIntentName(name)) {
      const shown = typeof name === 'string' ? `"${name.slice(0, 80)}"` : typeof name;
      return reject('UNKNOWN_INTENT', `unknown intent ${shown}`);
    }
    return { name, spec: intentContract[name] };
  };

  const run = async (name: IntentName, spec: IntentSpec, payload: unknown, call: IntentCall): Promise<IntentResult<unknown>> => {
    const budget = { ...DEFAULT_BUDGET, ...spec.budget };
    const excess = overBudget(payload, budget);
    if (excess) return reject('INVALID_REQUEST', `${name}: ${excess}`);
    const parsed = spec.request.safeParse(payload);
    if (!parsed.success) return reject('INVALID_REQUEST', `${name}: ${describeIssues(parsed.error)}`);
    if (spec.restriction && isRestricted(restrictions(), spec.restriction)) {
      const message = `${name}: not available while driving (${spec.restriction})`;
      report(`intent refused: ${message}`);
      return { ok: false, error: { code: 'NOT_ALLOWED', message, reason: { key: `ux.restricted.${spec.restriction}` } } };
    }
    try {
      const handler = handlers[name] as (request: unknown, call: IntentCall) => Promise<unknown> | unknown;
      const value = await handler(parsed.data, call);
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
        return { ok: false, error: { code: 'NOT_ALLOWED', message, ...(error.reason && { reason: error.reason }) } };
      }
      report(`intent failed: ${message}`);
      return { ok: false, error: { code: 'FAILED', message } };
    }
  };

  const route = async (name: unknown, payload: unknown, call: IntentCall = INTERNAL_CALL) => {
    const found = specOf(name);
    if ('ok' in found) return found;
    return run(found.name, found.spec, payload, call);
  };

  route.text = async (name: unknown, json: unknown, call: IntentCall) => {
    const found = specOf(name);
    if ('ok' in found) return found;
    const maxBytes = found.spec.budget?.maxBytes ?? DEFAULT_BUDGET.maxBytes;
    if (typeof json !== 'string') return reject('INVALID_REQUEST', `${found.name}: the request must be JSON text`);
    if (json.length > maxBytes) return reject('INVALID_REQUEST', `${found.name}: request of ${json.length} characters is over the ${maxBytes} allowed`);
    let payload: unknown;
    try {
      payload = JSON.parse(json);
    } catch (error) {
      return reject('INVALID_REQUEST', `${found.name}: the request is not JSON (${(error as Error).message})`);
    }
    return run(found.name, found.spec, payload, call);
  };

  return route as IntentRouter;
}
