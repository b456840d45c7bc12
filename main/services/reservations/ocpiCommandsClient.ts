// The car's side of OCPI 2.2.1 towards a charge-point operator: a location's EVSEs fresh, its tariffs, and the RESERVE_NOW / CANCEL_RESERVATION commands, every answer checked (size, envelope, shape) before it is trusted.
import { z } from 'zod';
import { ocpiTariffSchema, type OcpiTariff } from './reservationFee';

const envelope = z.object({ status_code: z.number().int(), status_message: z.string().optional(), data: z.unknown().optional() });

export const commandResponseSchema = z.object({
  result: z.enum(['ACCEPTED', 'REJECTED', 'NOT_SUPPORTED', 'UNKNOWN_SESSION']),
  timeout: z.number().int().min(0).max(3600),
  message: z.array(z.object({ language: z.string(), text: z.string() })).optional(),
});
export type CommandResponse = z.infer<typeof commandResponseSchema>;

const connector = z.object({ standard: z.string(), max_electric_power: z.number().optional(), tariff_ids: z.array(z.string()).optional() }).loose();
const evse = z.object({ uid: z.string(), evse_id: z.string().optional(), status: z.string(), capabilities: z.array(z.string()).optional(), connectors: z.array(connector) }).loose();
export const ocpiLocationSchema = z
  .object({
    id: z.string(),
    name: z.string().optional(),
    coordinates: z.object({ latitude: z.string(), longitude: z.string() }),
    evses: z.array(evse).optional(),
    last_updated: z.string(),
  })
  .loose();
export type OcpiLocation = z.infer<typeof ocpiLocationSchema>;

export type OcpiFailure = { kind: 'unreachable' | 'lost' | 'malformed'; message: string } | { kind: 'refused'; status: number; message: string };
export type OcpiAnswer<T> = { ok: true; value: T } | { ok: false; failure: OcpiFailure };

export interface CommandsOperator {
  /** The Locations endpoint (…/ocpi/2.2.1/locations); commands and tariffs live beside it. */
  locationsUrl: string;
  token: string;
}

const MAX_BYTES = 256 * 1024;
const TIMEOUT_MS = 8000;

export interface OcpiCommandsClient {
  location(id: string): Promise<OcpiAnswer<OcpiLocation>>;
  tariffs(): Promise<OcpiAnswer<OcpiTariff[]>>;
  reserveNow(body: Record<string, unknown>): Promise<OcpiAnswer<CommandResponse>>;
  cancelReservation(body: Record<string, unknown>): Promise<OcpiAnswer<CommandResponse>>;
}

export function createOcpiCommandsClient(operator: CommandsOperator, timeoutMs = TIMEOUT_MS): OcpiCommandsClient {
  const base = operator.locationsUrl.replace(/\/locations\/?$/, '');
  const auth = `Token ${Buffer.from(operator.token).toString('base64')}`;

  async function call<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown): Promise<OcpiAnswer<z.output<S>>> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers: { Authorization: auth, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const err = error as Error & { cause?: { code?: string; message?: string } };
      if (err.name === 'TimeoutError') return { ok: false, failure: { kind: 'lost', message: `no answer within ${timeoutMs} ms` } };
      return { ok: false, failure: { kind: err.cause?.code === 'ECONNREFUSED' ? 'unreachable' : 'lost', message: err.cause?.message ?? err.message } };
    }
    const text = await res.text().catch(() => null);
    if (text === null) return { ok: false, failure: { kind: 'lost', message: 'the answer was cut off' } };
    if (text.length > MAX_BYTES) return { ok: false, failure: { kind: 'malformed', message: `an answer of ${text.length} characters is over the ${MAX_BYTES} accepted` } };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return { ok: false, failure: { kind: 'malformed', message: `HTTP ${res.status} ${path}: not JSON (${(error as Error).message})` } };
    }
    const env = envelope.safeParse(json);
    if (!env.success) return { ok: false, failure: { kind: 'malformed', message: `HTTP ${res.status} ${path}: not an OCPI answer` } };
    if (res.status >= 400 || env.data.status_code >= 2000) return { ok: false, failure: { kind: 'refused', status: res.status, message: `${env.data.status_code} ${env.data.status_message ?? ''}`.trim() } };
    const data = schema.safeParse(env.data.data);
    if (!data.success) {
      const where = data.error.issues.slice(0, 3).map((i) => `$.data${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${i.message}`);
      return { ok: false, failure: { kind: 'malformed', message: `${path}: ${where.join('; ')}` } };
    }
    return { ok: true, value: data.data };
  }

  return {
    location: (id) => call('GET', `/locations/${encodeURIComponent(id)}`, ocpiLocationSchema),
    tariffs: () => call('GET', '/tariffs', z.array(ocpiTariffSchema)),
    reserveNow: (body) => call('POST', '/commands/RESERVE_NOW', commandResponseSchema, body),
    cancelReservation: (body) => call('POST', '/commands/CANCEL_RESERVATION', commandResponseSchema, body),
  };
}
