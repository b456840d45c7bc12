// OCPI 2.2.1 Commands for the simulated charge-point operator: RESERVE_NOW and CANCEL_RESERVATION answered at once with a CommandResponse (with its timeout), then the CommandResult posted to the response_url once the charge point has decided; and Tariffs with reservation prices.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { EvseStatus, Location } from '../shared/stations/model';

export const COMMAND_TYPES = ['CANCEL_RESERVATION', 'RESERVE_NOW', 'START_SESSION', 'STOP_SESSION', 'UNLOCK_CONNECTOR'] as const;
export type CommandResultType =
  | 'ACCEPTED'
  | 'CANCELED_RESERVATION'
  | 'EVSE_OCCUPIED'
  | 'EVSE_INOPERATIVE'
  | 'FAILED'
  | 'NOT_SUPPORTED'
  | 'REJECTED'
  | 'TIMEOUT'
  | 'UNKNOWN_RESERVATION';

const dateTime = z.string().refine((v) => Number.isFinite(Date.parse(v)), 'an ISO 8601 date-time');
const reserveNowSchema = z.object({
  response_url: z.url(),
  token: z.object({ uid: z.string().min(1).max(36), type: z.string(), contract_id: z.string().max(36) }),
  expiry_date: dateTime,
  reservation_id: z.string().min(1).max(36),
  location_id: z.string().min(1).max(36),
  evse_uid: z.string().min(1).max(36).optional(),
  authorization_reference: z.string().max(36).optional(),
});
const cancelReservationSchema = z.object({ response_url: z.url(), reservation_id: z.string().min(1).max(36) });

/** What reserving costs in a country (prices excl. VAT, per OCPI, in the tariff's currency), served in every tariff's reservation elements. */
interface ReservationPrices {
  flat: number;
  perHour: number;
  stepSeconds: number;
  /** Charged instead when the reservation expires unused. */
  expiredFlat: number;
  vat: number;
}

const PRICES: Record<string, ReservationPrices> = {
  CN: { flat: 5, perHour: 12, stepSeconds: 300, expiredFlat: 10, vat: 0 },
  NO: { flat: 16, perHour: 48, stepSeconds: 300, expiredFlat: 40, vat: 25 },
};
/** OCPI's own example (tariff_16/17): 2 to reserve, 5 an hour, 4 if it expires. */
const DEFAULT_PRICES: ReservationPrices = { flat: 2, perHour: 5, stepSeconds: 300, expiredFlat: 4, vat: 20 };

export interface OcpiCommandsOptions {
  network: Location[];
  clock: () => number;
  /** How long the charge point takes to decide (ms); default 300. */
  resultDelayMs?: number;
  /** The timeout announced in every CommandResponse (s); default 30. */
  timeoutS?: number;
  log?: (line: string) => void;
}

export interface Reservation {
  id: string;
  locationId: string;
  evseUid: string;
  expiresAt: number;
  tokenUid: string;
}

export interface OcpiCommands {
  /** Handles /commands/* and /tariffs; false for any other path. */
  route(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
  /** Reserved EVSEs stay RESERVED while their reservation runs; expired ones are freed. Call after statuses advance. */
  pin(): void;
  reservations(): readonly Reservation[];
  /** The next `count` CommandResults are never sent (the car then times out). */
  dropResults(count: number): void;
  setResultDelay(ms: number): void;
  readonly results: ReadonlyArray<{ type: string; result: CommandResultType; delivered: boolean }>;
}

export function createOcpiCommands(options: OcpiCommandsOptions): OcpiCommands {
  const { network, clock } = options;
  const log = options.log ?? (() => undefined);
  const timeoutS = options.timeoutS ?? 30;
  let delayMs = options.resultDelayMs ?? 300;
  let drop = 0;
  const reservations = new Map<string, Reservation>();
  const results: Array<{ type: string; result: CommandResultType; delivered: boolean }> = [];
  const byId = new Map(network.map((l) => [l.id, l]));
  const stamp = () => new Date(clock()).toISOString();

  const reply = (res: ServerResponse, status: number, body: Record<string, unknown>) => {
    const text = JSON.stringify({ ...body, timestamp: stamp() });
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const commandResponse = (res: ServerResponse, result: 'ACCEPTED' | 'REJECTED' | 'NOT_SUPPORTED' | 'UNKNOWN_SESSION', message?: string) =>
    reply(res, 200, { data: { result, timeout: timeoutS, ...(message ? { message: [{ language: 'en', text: message }] } : {}) }, status_code: 1000 });

  const setStatus = (location: Location, uid: string, status: EvseStatus) => {
    const evse = location.evses.find((e) => e.uid === uid);
    if (!evse || evse.status === status) return;
    const now = clock();
    evse.status = status;
    evse.status_updated = evse.last_updated = now;
    location.last_updated = Math.max(location.last_updated, now);
  };

  function deliver(type: string, responseUrl: string, result: CommandResultType, message: string): void {
    const entry = { type, result, delivered: false };
    results.push(entry);
    if (drop > 0) {
      drop -= 1;
      log(`commands: ${type} result ${result} not sent (simulated lost result)`);
      return;
    }
    void fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ result, message: [{ language: 'en', text: message }] }),
      signal: AbortSignal.timeout(10_000),
    })
      .then(async (r) => {
        await r.arrayBuffer();
        entry.delivered = r.ok;
      })
      .catch((error: Error) => log(`commands: could not post the ${type} result to its response_url: ${error.message}`));
  }

  /** The charge point's decision, taken when its answer comes (the EVSE's status may have moved meanwhile). */
  function decideReservation(body: z.infer<typeof reserveNowSchema>, location: Location, evseUid: string): void {
    const evse = location.evses.find((e) => e.uid === evseUid)!;
    const expiresAt = Date.parse(body.expiry_date);
    const mine = reservations.get(body.reservation_id);
    const heldByMe = mine && mine.evseUid === evseUid && mine.locationId === location.id;
    let result: CommandResultType;
    if (evse.status === 'AVAILABLE' || (evse.status === 'RESERVED' && heldByMe)) result = 'ACCEPTED';
    else if (evse.status === 'CHARGING' || evse.status === 'BLOCKED' || evse.status === 'RESERVED') result = 'EVSE_OCCUPIED';
    else result = 'EVSE_INOPERATIVE';
    if (result === 'ACCEPTED') {
      // The same reservation_id replaces an earlier reservation (OCPI), wherever that one was.
      if (mine && !heldByMe) setStatus(byId.get(mine.locationId)!, mine.evseUid, 'AVAILABLE');
      reservations.set(body.reservation_id, { id: body.reservation_id, locationId: location.id, evseUid, expiresAt, tokenUid: body.token.uid });
      setStatus(location, evseUid, 'RESERVED');
    }
    log(`commands: RESERVE_NOW ${body.reservation_id} at ${location.id}/${evseUid} → ${result}`);
    deliver('RESERVE_NOW', body.response_url, result, result === 'ACCEPTED' ? `reserved until ${body.expiry_date}` : `EVSE ${evseUid} is ${evse.status}`);
  }

  async function readBody(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 16 * 1024) throw new Error('a command body over 16 KiB');
      chunks.push(chunk as Buffer);
    }
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  }

  const invalid = (res: ServerResponse, message: string) => reply(res, 400, { status_code: 2001, status_message: `Invalid or missing parameters: ${message}` });
  const issues = (error: z.ZodError) => error.issues.map((i) => `$.${i.path.join('.')}: ${i.message}`).join('; ');

  async function command(type: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw: unknown;
    try {
      raw = await readBody(req);
    } catch (error) {
      return invalid(res, (error as Error).message);
    }
    if (type === 'RESERVE_NOW') {
      const parsed = reserveNowSchema.safeParse(raw);
      if (!parsed.success) return invalid(res, issues(parsed.error));
      const body = parsed.data;
      const location = byId.get(body.location_id);
      if (!location) return commandResponse(res, 'REJECTED', `unknown location ${body.location_id}`);
      if (Date.parse(body.expiry_date) <= clock()) return commandResponse(res, 'REJECTED', 'expiry_date is in the past');
      const reservable = location.evses.filter((e) => e.capabilities.includes('RESERVABLE'));
      const evse = body.evse_uid ? location.evses.find((e) => e.uid === body.evse_uid) : (reservable.find((e) => e.status === 'AVAILABLE') ?? reservable[0]);
      if (!evse) return commandResponse(res, body.evse_uid ? 'REJECTED' : 'NOT_SUPPORTED', body.evse_uid ? `unknown EVSE ${body.evse_uid}` : 'no EVSE here can be reserved');
      if (!evse.capabilities.includes('RESERVABLE')) return commandResponse(res, 'NOT_SUPPORTED', `EVSE ${evse.uid} cannot be reserved`);
      commandResponse(res, 'ACCEPTED');
      setTimeout(() => decideReservation(body, location, evse.uid), delayMs).unref();
      return;
    }
    if (type === 'CANCEL_RESERVATION') {
      const parsed = cancelReservationSchema.safeParse(raw);
      if (!parsed.success) return invalid(res, issues(parsed.error));
      const { reservation_id: id, response_url: url } = parsed.data;
      commandResponse(res, 'ACCEPTED');
      setTimeout(() => {
        const r = reservations.get(id);
        if (!r) return deliver('CANCEL_RESERVATION', url, 'UNKNOWN_RESERVATION', `no reservation ${id}`);
        reservations.delete(id);
        setStatus(byId.get(r.locationId)!, r.evseUid, 'AVAILABLE');
        log(`commands: CANCEL_RESERVATION ${id} → ACCEPTED`);
        deliver('CANCEL_RESERVATION', url, 'ACCEPTED', `reservation ${id} cancelled`);
      }, delayMs).unref();
      return;
    }
    commandResponse(res, 'NOT_SUPPORTED', `${type} is not supported by this operator`);
  }

  /** The parties' tariffs as OCPI Tariffs: the energy price of each summary plus the party's reservation prices. */
  function tariffs(): unknown[] {
    const out = new Map<string, unknown>();
    for (const l of network) {
      const p = PRICES[l.country_code ?? ''] ?? DEFAULT_PRICES;
      for (const t of l.tariffs ?? []) {
        if (out.has(t.id)) continue;
        out.set(t.id, {
          country_code: l.country_code,
          party_id: l.party_id,
          id: t.id,
          currency: t.currency,
          elements: [
            { price_components: [{ type: 'FLAT', price: p.flat, vat: p.vat, step_size: 1 }, { type: 'TIME', price: p.perHour, vat: p.vat, step_size: p.stepSeconds }], restrictions: { reservation: 'RESERVATION' } },
            { price_components: [{ type: 'FLAT', price: p.expiredFlat, vat: p.vat, step_size: 1 }], restrictions: { reservation: 'RESERVATION_EXPIRES' } },
            { price_components: [{ type: 'ENERGY', price: t.energy_per_kwh, step_size: 1 }, ...(t.flat ? [{ type: 'FLAT', price: t.flat, step_size: 1 }] : [])] },
          ],
          last_updated: new Date(l.last_updated).toISOString(),
        });
      }
    }
    return [...out.values()];
  }

  return {
    route(req, res, url) {
      const cmd = /^\/ocpi\/2\.2\.1\/commands\/([A-Z_]+)\/?$/.exec(url.pathname);
      if (cmd) {
        if (req.method !== 'POST' || !(COMMAND_TYPES as readonly string[]).includes(cmd[1])) {
          reply(res, 404, { status_code: 2000, status_message: `No such command: ${req.method} ${cmd[1]}` });
          return true;
        }
        void command(cmd[1], req, res);
        return true;
      }
      if (/^\/ocpi\/2\.2\.1\/tariffs\/?$/.test(url.pathname) && req.method === 'GET') {
        const all = tariffs();
        reply(res, 200, { data: all, status_code: 1000, status_message: 'Success' });
        return true;
      }
      return false;
    },
    pin() {
      const now = clock();
      for (const r of [...reservations.values()]) {
        const location = byId.get(r.locationId);
        if (!location) continue;
        if (r.expiresAt <= now) {
          reservations.delete(r.id);
          setStatus(location, r.evseUid, 'AVAILABLE');
          log(`commands: reservation ${r.id} expired`);
        } else setStatus(location, r.evseUid, 'RESERVED');
      }
    },
    reservations: () => [...reservations.values()],
    dropResults(count) {
      drop = count;
    },
    setResultDelay(ms) {
      delayMs = ms;
    },
    results,
  };
}
