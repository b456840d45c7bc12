// The protocol's routes (docs/swap-protocol.md): each validates its input, calls the store, and answers with protocol JSON or a coded error.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { estimatedWaitMinutes } from '../../shared/swap/model';
import { isOpenAt } from '../../shared/swap/openingHours';
import {
  SWAP_API_PREFIX,
  SWAP_PROTOCOL_VERSION,
  checkInRequestSchema,
  completeSwapRequestSchema,
  createBookingRequestSchema,
  emptyRequestSchema,
  failSwapRequestSchema,
  packStandardToken,
  startSwapRequestSchema,
  walkInRequestSchema,
  type ProtocolQuote,
} from '../../shared/swap/protocol';
import { bookingWindow, noShowCharge, priceEstimateMinor } from '../../shared/swap/terms';
import type { Database } from '../db/database';
import { bookingJson, type BookingRow } from '../store/bookingRows';
import {
  cancelBooking,
  checkIn,
  completeSwap,
  createBooking,
  failSwap,
  getBooking,
  listNoShows,
  startSwap,
  walkIn,
  type Outcome,
  type Principal,
} from '../store/bookings';
import { loadStationsWithAvailability, stationJson } from '../store/stations';
import { iso } from '../store/values';
import { eventsAfter, type EventHub } from './eventStream';
import { ApiError, canonicalJson, readJsonBody, validate, type Reply } from './respond';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  params: string[];
  query: URLSearchParams;
  who: Principal;
  now: number;
}

export interface RouteDeps {
  db: Database;
  events: EventHub;
  diagnostics: () => Record<string, unknown>;
}

export interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  /** `null` when the handler streamed its own answer. */
  handle(ctx: RouteContext): Promise<Reply | null>;
}

/** Any path segment: an id the store does not know is a clear 404 of its kind, not "no such route". */
const ID = '([^/]{1,200})';
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

function requireStation(who: Principal): void {
  if (!who.roles.has('station')) throw new ApiError('FORBIDDEN', 'this token is not a station controller token');
}

function queryObject(query: URLSearchParams, allowed: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of query) {
    if (!allowed.includes(k)) throw new ApiError('INVALID_REQUEST', `unknown query parameter "${k}" (known: ${allowed.join(', ') || 'none'})`, { issues: [{ path: `?${k}`, message: 'unknown parameter' }] });
    out[k] = v;
  }
  return out;
}

const numberParam = z.string().regex(/^-?\d+(\.\d+)?$/, 'a number').transform(Number);
const quoteQuerySchema = z.strictObject({
  pack_standard: packStandardToken,
  eta_minutes: numberParam.pipe(z.number().min(0).max(24 * 60)).optional(),
  arrival_at: z.iso.datetime({ offset: true }).optional(),
  soc_percent: numberParam.pipe(z.number().min(0).max(100)).optional(),
});

function outcomeReply(outcome: Outcome, now: number): Reply {
  if (outcome.kind === 'ok') return { status: 200, body: bookingJson(outcome.booking, now) };
  if (outcome.kind === 'not_found') throw new ApiError('BOOKING_NOT_FOUND', 'no such booking for this client');
  throw new ApiError(outcome.code, outcome.message, {
    details: { ...(outcome.booking ? { status: outcome.booking.status, booking_id: outcome.booking.id } : {}), ...outcome.details },
  });
}

async function body<T>(ctx: RouteContext, schema: z.ZodType<T>): Promise<T> {
  return validate(schema, await readJsonBody(ctx.req));
}

async function visibleBooking(db: Database, ctx: RouteContext): Promise<BookingRow> {
  const row = await getBooking(db, ctx.who, ctx.params[0], ctx.now);
  if (!row) throw new ApiError('BOOKING_NOT_FOUND', `no booking "${ctx.params[0]}" for this client`);
  return row;
}

export function createRoutes({ db, events, diagnostics }: RouteDeps): Route[] {
  const api = (path: string) => new RegExp(`^${SWAP_API_PREFIX.replaceAll('/', '\\/')}${path}$`);
  return [
    {
      method: 'GET',
      pattern: /^\/swap\/versions$/,
      async handle({ now }) {
        return { status: 200, body: { versions: [{ version: SWAP_PROTOCOL_VERSION, url: SWAP_API_PREFIX }], server_time: iso(now) } };
      },
    },
    {
      method: 'GET',
      pattern: api('/stations'),
      async handle({ query, now }) {
        const q = queryObject(query, ['pack_standard']);
        const standard = q.pack_standard === undefined ? undefined : validate(packStandardToken, q.pack_standard, 'pack_standard');
        const all = await loadStationsWithAvailability(db);
        const stations = all.filter((s) => !standard || s.station.packStandards.includes(standard)).map((s) => stationJson(s.station, s.availability, now));
        return { status: 200, body: { stations, server_time: iso(now) } };
      },
    },
    {
      method: 'GET',
      pattern: api(`/stations/${ID}`),
      async handle({ params, query, now }) {
        queryObject(query, []);
        const [found] = await loadStationsWithAvailability(db, params[0]);
        if (!found) throw new ApiError('STATION_NOT_FOUND', `no station "${params[0]}" on this network`);
        return { status: 200, body: { ...stationJson(found.station, found.availability, now), server_time: iso(now) } };
      },
    },
    {
      method: 'GET',
      pattern: api(`/stations/${ID}/quote`),
      async handle({ params, query, now }) {
        const q = validate(quoteQuerySchema, queryObject(query, ['pack_standard', 'eta_minutes', 'arrival_at', 'soc_percent']), 'the query');
        const [found] = await loadStationsWithAvailability(db, params[0]);
        if (!found) throw new ApiError('STATION_NOT_FOUND', `no station "${params[0]}" on this network`);
        const { station, availability } = found;
        if (!station.packStandards.includes(q.pack_standard)) {
          throw new ApiError('INCOMPATIBLE_PACK_STANDARD', `station ${station.id} swaps ${station.packStandards.join(', ')}, not ${q.pack_standard}`, { details: { accepted: station.packStandards } });
        }
        const terms = station.details.terms;
        const w = bookingWindow(terms, now, { etaMinutes: q.eta_minutes, arrivalAt: q.arrival_at ? Date.parse(q.arrival_at) : undefined });
        if (!w.ok) throw new ApiError(w.code, w.message);
        const ready = availability.ready[q.pack_standard] ?? 0;
        const quote: ProtocolQuote = {
          station_id: station.id,
          pack_standard: q.pack_standard,
          available: ready > 0 && isOpenAt(station.details.opening_times, station.details.time_zone, w.window.arrivalAt),
          ready_packs: ready,
          terms,
          price_estimate: { amount_minor: priceEstimateMinor(terms, station.details.pack_kwh[q.pack_standard], q.soc_percent), currency: terms.currency },
          late_cancel_fee: { amount_minor: terms.late_cancel_fee_minor, currency: terms.currency },
          noshow_fee: { amount_minor: noShowCharge(terms).amount_minor, currency: terms.currency },
          arrival_at: iso(w.window.arrivalAt),
          cancel_until: iso(w.window.cancelUntil),
          expires_at: iso(w.window.expiresAt),
          wait_minutes: estimatedWaitMinutes(station.bays, availability.baysBusy, availability.queueLength, station.details.typical_swap_minutes),
          server_time: iso(now),
        };
        return { status: 200, body: quote };
      },
    },
    {
      method: 'POST',
      pattern: api(`/stations/${ID}/walk-ins`),
      async handle(ctx) {
        requireStation(ctx.who);
        const request = await body(ctx, walkInRequestSchema);
        const outcome = await walkIn(db, ctx.who, ctx.params[0], request, ctx.now);
        if (outcome.kind === 'not_found') throw new ApiError('STATION_NOT_FOUND', `no station "${ctx.params[0]}" on this network`);
        if (outcome.kind === 'refused') throw new ApiError(outcome.code, outcome.message, { details: outcome.details });
        return { status: 201, body: bookingJson(outcome.booking, ctx.now) };
      },
    },
    {
      method: 'POST',
      pattern: api('/bookings'),
      async handle(ctx) {
        const key = ctx.req.headers['idempotency-key'];
        if (typeof key !== 'string' || key === '') throw new ApiError('IDEMPOTENCY_KEY_REQUIRED', 'send an Idempotency-Key header (a fresh random value per booking, the same one on every retry)');
        if (!IDEMPOTENCY_KEY.test(key)) throw new ApiError('INVALID_REQUEST', 'Idempotency-Key must be 1 to 255 visible ASCII characters', { issues: [{ path: 'Idempotency-Key', message: 'invalid' }] });
        const request = await body(ctx, createBookingRequestSchema);
        const requestHash = createHash('sha256').update(canonicalJson(request)).digest('hex');
        const outcome = await createBooking(db, { who: ctx.who, key, request, requestHash, now: ctx.now });
        if (outcome.kind === 'refused') throw new ApiError(outcome.code, outcome.message, { details: outcome.details });
        const replayed = outcome.kind === 'replayed';
        return {
          status: replayed ? 200 : 201,
          body: bookingJson(outcome.booking, ctx.now),
          headers: { Location: `${SWAP_API_PREFIX}/bookings/${outcome.booking.id}`, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) },
        };
      },
    },
    {
      method: 'GET',
      pattern: api(`/bookings/${ID}`),
      async handle(ctx) {
        queryObject(ctx.query, []);
        return { status: 200, body: bookingJson(await visibleBooking(db, ctx), ctx.now) };
      },
    },
    {
      method: 'POST',
      pattern: api(`/bookings/${ID}/cancel`),
      async handle(ctx) {
        await body(ctx, emptyRequestSchema);
        return outcomeReply(await cancelBooking(db, ctx.who, ctx.params[0], ctx.now), ctx.now);
      },
    },
    {
      method: 'POST',
      pattern: api(`/bookings/${ID}/check-in`),
      async handle(ctx) {
        const request = await body(ctx, checkInRequestSchema);
        return outcomeReply(await checkIn(db, ctx.who, ctx.params[0], request, ctx.now), ctx.now);
      },
    },
    {
      method: 'GET',
      pattern: api(`/bookings/${ID}/events`),
      async handle(ctx) {
        const q = queryObject(ctx.query, ['after']);
        const lastEventId = ctx.req.headers['last-event-id'];
        const afterText = q.after ?? (typeof lastEventId === 'string' ? lastEventId : '0');
        if (!/^\d{1,15}$/.test(afterText)) throw new ApiError('INVALID_REQUEST', 'after / Last-Event-ID must be an event sequence number', { issues: [{ path: '?after', message: 'a whole number' }] });
        const after = Number(afterText);
        const booking = bookingJson(await visibleBooking(db, ctx), ctx.now);
        if (/text\/event-stream/.test(ctx.req.headers.accept ?? '')) {
          await events.open(ctx.res, booking, after);
          return null;
        }
        return { status: 200, body: { events: await eventsAfter(db, [booking.id], after), booking } };
      },
    },
    {
      method: 'POST',
      pattern: api(`/bookings/${ID}/swap/start`),
      async handle(ctx) {
        requireStation(ctx.who);
        const request = await body(ctx, startSwapRequestSchema);
        return outcomeReply(await startSwap(db, ctx.who, ctx.params[0], request.bay, ctx.now), ctx.now);
      },
    },
    {
      method: 'POST',
      pattern: api(`/bookings/${ID}/swap/complete`),
      async handle(ctx) {
        requireStation(ctx.who);
        const request = await body(ctx, completeSwapRequestSchema);
        return outcomeReply(await completeSwap(db, ctx.who, ctx.params[0], request.returned_pack_soc_percent, ctx.now), ctx.now);
      },
    },
    {
      method: 'POST',
      pattern: api(`/bookings/${ID}/swap/fail`),
      async handle(ctx) {
        requireStation(ctx.who);
        const request = await body(ctx, failSwapRequestSchema);
        return outcomeReply(await failSwap(db, ctx.who, ctx.params[0], request.reason, ctx.now), ctx.now);
      },
    },
    {
      method: 'GET',
      pattern: api('/no-shows'),
      async handle(ctx) {
        const q = queryObject(ctx.query, ['vehicle_id']);
        return { status: 200, body: { no_shows: await listNoShows(db, ctx.who, q.vehicle_id), server_time: iso(ctx.now) } };
      },
    },
    {
      method: 'GET',
      pattern: api('/diagnostics'),
      async handle({ now }) {
        return { status: 200, body: { ...diagnostics(), server_time: iso(now) } };
      },
    },
  ];
}
