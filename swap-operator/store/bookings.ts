// Booking operations as database transactions: create (idempotent, one pack per booking by constraint), read, cancel, check in, and the station's swap steps.
import { randomUUID } from 'node:crypto';
import { haversineM } from '../../shared/stations/geo';
import { dueTimeout, transition, type BookingEvent } from '../../shared/swap/bookingMachine';
import { isOpenAt } from '../../shared/swap/openingHours';
import type { CheckInRequest, CreateBookingRequest, ErrorCode } from '../../shared/swap/protocol';
import { bookingWindow, priceEstimateMinor } from '../../shared/swap/terms';
import { Rollback, type Database, type Sql } from '../db/database';
import { BOOKING_COLUMNS, bookingClock, lockBooking, readBooking, type BookingRow, type StoredBooking } from './bookingRows';
import { cachedStation, type StationRecord } from './stations';
import { OPERATOR_TIMEOUTS, applyDueTimeout, applyEvent, type EventInputs } from './transitions';
import { iso, ms } from './values';

/** Who is asking: bookings belong to the client whose token made them; a station may act on all. */
export interface Principal {
  clientId: string;
  roles: ReadonlySet<'client' | 'station'>;
}

export type Refusal = { kind: 'refused'; code: ErrorCode; message: string; booking?: StoredBooking; details?: Record<string, unknown> };
export type Outcome = { kind: 'ok'; booking: BookingRow } | { kind: 'not_found' } | Refusal;
export type CreateOutcome = { kind: 'created' | 'replayed'; booking: BookingRow } | Refusal;

/** A car checking in farther than this from the station is refused (when it says where it is). */
export const CHECK_IN_RADIUS_M = 300;

const refuse = (code: ErrorCode, message: string, extra: Partial<Refusal> = {}): Refusal => ({ kind: 'refused', code, message, ...extra });

function visible(row: StoredBooking, who: Principal): boolean {
  return row.client_id === who.clientId || who.roles.has('station');
}

async function byKey(sql: Sql, clientId: string, key: string): Promise<BookingRow | null> {
  const { rows } = await sql.query<BookingRow>(`SELECT ${BOOKING_COLUMNS} FROM swap_bookings b WHERE b.client_id = $1 AND b.idempotency_key = $2`, [clientId, key]);
  return rows[0] ?? null;
}

function replay(prior: BookingRow, requestHash: string): CreateOutcome {
  if (prior.request_hash === requestHash) return { kind: 'replayed', booking: prior };
  return refuse('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used with a different request body', { details: { booking_id: prior.id } });
}

interface CreateRow extends BookingRow {
  found_pack: number;
  held: number;
  charging: number;
  next_ready_at: unknown;
}

/**
 * Books the best ready, unheld pack in one statement inside one transaction: lock a free pack row
 * (SKIP LOCKED, so concurrent bookers each take a different one or find none), insert the booking
 * (the unique idempotency key makes a concurrent retry insert nothing), hold the pack, log the
 * event. The answer goes out only after COMMIT. A key already used is looked up only when the
 * insert found it (or found no pack), so the common path costs one statement.
 */
export async function createBooking(
  db: Database,
  p: { who: Principal; key: string; request: CreateBookingRequest; requestHash: string; now: number },
): Promise<CreateOutcome> {
  const { who, key, request, now } = p;
  const station = await cachedStation(db, request.station_id);
  if (!station) return (await priorOrNull(db, p)) ?? refuse('UNKNOWN_STATION', `no station "${request.station_id}" on this network`);
  if (!station.packStandards.includes(request.pack_standard)) {
    return (
      (await priorOrNull(db, p)) ??
      refuse('INCOMPATIBLE_PACK_STANDARD', `station ${station.id} swaps ${station.packStandards.join(', ')}, not ${request.pack_standard}`, { details: { accepted: station.packStandards } })
    );
  }
  const terms = station.details.terms;
  const w = bookingWindow(terms, now, { etaMinutes: request.eta_minutes, arrivalAt: request.arrival_at ? Date.parse(request.arrival_at) : undefined });
  if (!w.ok) return (await priorOrNull(db, p)) ?? refuse(w.code, w.message);
  if (!isOpenAt(station.details.opening_times, station.details.time_zone, w.window.arrivalAt)) {
    return (await priorOrNull(db, p)) ?? refuse('STATION_CLOSED', `station ${station.id} is closed at the announced arrival ${iso(w.window.arrivalAt)}`);
  }
  const kwh = station.details.pack_kwh[request.pack_standard];
  const estimate = priceEstimateMinor(terms, kwh, request.soc_percent);
  const id = `bk_${randomUUID()}`;

  const row = await db.transaction(async (tx) => {
    const { rows } = await tx.query<CreateRow>(
      `WITH pack AS (
         SELECT id, soc_percent FROM swap_packs
         WHERE station_id = $5 AND standard = $6 AND state = 'READY' AND booking_id IS NULL
         ORDER BY soc_percent DESC, id LIMIT 1 FOR UPDATE SKIP LOCKED
       ), ins AS (
         INSERT INTO swap_bookings (id, client_id, idempotency_key, request_hash, station_id, pack_standard, vehicle_id, status, pack_id,
           terms, pack_kwh, price_estimate_minor, arrival_soc_percent, created_at, updated_at, arrival_at, cancel_until, expires_at)
         SELECT $1, $2, $3, $4, $5, $6, $7, 'CONFIRMED', pack.id, $8::jsonb, $9, $10, $11, $12::timestamptz, $12::timestamptz,
           $13::timestamptz, $14::timestamptz, $15::timestamptz FROM pack
         ON CONFLICT (client_id, idempotency_key) DO NOTHING
         RETURNING *
       ), held AS (
         UPDATE swap_packs SET booking_id = ins.id, updated_at = $12::timestamptz FROM ins
         WHERE swap_packs.id = ins.pack_id AND swap_packs.booking_id IS NULL RETURNING swap_packs.id
       ), ev AS (
         INSERT INTO swap_booking_events (booking_id, status, at) SELECT id, 'CONFIRMED', $12::timestamptz FROM ins RETURNING seq
       )
       SELECT ins.*, (SELECT seq FROM ev) AS event_seq, NULL::int AS queue_position, (SELECT soc_percent FROM pack) AS held_pack_soc_percent,
         (SELECT count(*)::int FROM pack) AS found_pack, (SELECT count(*)::int FROM held) AS held,
         (SELECT count(*)::int FROM swap_packs c WHERE c.station_id = $5 AND c.standard = $6 AND c.state = 'CHARGING') AS charging,
         (SELECT min(c.ready_at) FROM swap_packs c WHERE c.station_id = $5 AND c.standard = $6 AND c.state = 'CHARGING') AS next_ready_at
       FROM (SELECT 1) AS one LEFT JOIN ins ON true`,
      [id, who.clientId, key, p.requestHash, station.id, request.pack_standard, request.vehicle_id, JSON.stringify(terms), kwh, estimate,
        request.soc_percent ?? null, iso(now), iso(w.window.arrivalAt), iso(w.window.cancelUntil), iso(w.window.expiresAt)],
    );
    const r = rows[0];
    // The pack row was locked by this very statement, so holding it cannot fail; if it ever did, nothing is kept.
    if (r.id !== null && r.held !== 1) throw new Error(`booking ${id} could not hold the pack it locked`);
    return r;
  });
  if (row.id !== null) return { kind: 'created', booking: row };
  // No booking inserted: the key was taken (a retry, or a concurrent twin), or no pack was free.
  const prior = await byKey(db, who.clientId, key);
  if (prior) return replay(prior, p.requestHash);
  return refuse('NO_PACK_AVAILABLE', `no ready ${request.pack_standard} pack is left unbooked at ${station.id}`, {
    details: { station_id: station.id, pack_standard: request.pack_standard, charging_packs: Number(row.charging), next_ready_at: row.next_ready_at ? iso(ms(row.next_ready_at)) : null },
  });
}

/** A retry of a request that booked must get its booking even when the station has since changed. */
async function priorOrNull(db: Database, p: { who: Principal; key: string; requestHash: string }): Promise<CreateOutcome | null> {
  const prior = await byKey(db, p.who.clientId, p.key);
  return prior ? replay(prior, p.requestHash) : null;
}

/**
 * Runs `act` on the locked booking after applying any timeout that fell due, in one transaction
 * (which commits the timeout even when `act` refuses).
 */
async function withBooking(db: Database, who: Principal, id: string, now: number, act: (tx: Sql, row: StoredBooking, station: () => Promise<StationRecord>) => Promise<Outcome>): Promise<Outcome> {
  return db.transaction(async (tx) => {
    let row: StoredBooking | null = await lockBooking(tx, id);
    if (!row || !visible(row, who)) return { kind: 'not_found' };
    const stationId = row.station_id;
    const station = async () => (await cachedStation(db, stationId, { includeRetired: true, via: tx }))!;
    const details = async () => (await station()).details;
    row = (await applyDueTimeout(tx, row, now, details)) ?? row;
    return act(tx, row, station);
  });
}

/** Reads a booking; a timeout that fell due since the last sweep is applied first, so the status is exact. */
export async function getBooking(db: Database, who: Principal, id: string, now: number): Promise<BookingRow | null> {
  const row = await readBooking(db, id);
  if (!row || !visible(row, who)) return null;
  if (!dueTimeout(bookingClock(row), now, OPERATOR_TIMEOUTS)) return row;
  const outcome = await withBooking(db, who, id, now, async (tx, r) => ({ kind: 'ok', booking: (await readBooking(tx, r.id))! }));
  return outcome.kind === 'ok' ? outcome.booking : null;
}

async function move(tx: Sql, row: StoredBooking, station: () => Promise<StationRecord>, event: BookingEvent, now: number, inputs?: EventInputs): Promise<Outcome> {
  const t = transition(row.status, event);
  if (!t.ok) {
    const code: ErrorCode = row.status === 'EXPIRED' ? 'BOOKING_EXPIRED' : 'INVALID_TRANSITION';
    return refuse(code, `booking ${row.id} is ${row.status}: ${t.message}`, { booking: row });
  }
  const moved = await applyEvent(tx, row, event, now, async () => (await station()).details, inputs);
  if (!moved) return refuse('INVALID_TRANSITION', `booking ${row.id} changed status`, { booking: row });
  return { kind: 'ok', booking: moved };
}

/** The booking as it stands, for answers that change nothing (a repeated cancel or check-in). */
async function unchanged(tx: Sql, row: StoredBooking): Promise<Outcome> {
  return { kind: 'ok', booking: (await readBooking(tx, row.id))! };
}

/** Cancelling a cancelled booking answers with it again (a retried cancel must not fail). */
export function cancelBooking(db: Database, who: Principal, id: string, now: number): Promise<Outcome> {
  return withBooking(db, who, id, now, async (tx, row, station) => {
    if (row.status === 'CANCELLED') return unchanged(tx, row);
    return move(tx, row, station, { type: 'cancel' }, now);
  });
}

export function checkIn(db: Database, who: Principal, id: string, body: CheckInRequest, now: number): Promise<Outcome> {
  return withBooking(db, who, id, now, async (tx, row, station) => {
    if (row.status === 'ARRIVED') return unchanged(tx, row);
    if (row.status === 'CONFIRMED' && body.lat !== undefined && body.lon !== undefined) {
      const s = await station();
      const distance = haversineM(body.lat, body.lon, s.lat, s.lon);
      if (distance > CHECK_IN_RADIUS_M) {
        return refuse('NOT_AT_STATION', `the car is ${Math.round(distance)} m from station ${s.id}; check in within ${CHECK_IN_RADIUS_M} m`, {
          details: { distance_m: Math.round(distance) },
        });
      }
    }
    return move(tx, row, station, { type: 'arrive' }, now, { socPercent: body.soc_percent, returnedPackId: body.pack_id });
  });
}

/** The station starts the swap in the given bay, or the lowest free one; bays are counted under the station's row lock. */
export function startSwap(db: Database, who: Principal, id: string, bay: number | undefined, now: number): Promise<Outcome> {
  return withBooking(db, who, id, now, async (tx, row, station) => {
    if (row.status === 'SWAPPING') return unchanged(tx, row);
    if (row.status !== 'ARRIVED') return move(tx, row, station, { type: 'start_swap' }, now);
    const chosen = await freeBay(tx, await station(), bay);
    if (typeof chosen === 'object') return chosen;
    return move(tx, row, station, { type: 'start_swap' }, now, { bay: chosen });
  });
}

/** Locks the station row (serialising bay choice across operator processes) and picks a bay. */
export async function freeBay(tx: Sql, station: StationRecord, wanted?: number): Promise<number | Refusal> {
  await tx.query('SELECT id FROM swap_stations WHERE id = $1 FOR UPDATE', [station.id]);
  const busy = await tx.query<{ bay: number }>(`SELECT bay FROM swap_bookings WHERE station_id = $1 AND status = 'SWAPPING'`, [station.id]);
  const taken = new Set(busy.rows.map((r) => Number(r.bay)));
  if (wanted !== undefined) {
    if (wanted > station.bays) return refuse('INVALID_REQUEST', `station ${station.id} has bays 1 to ${station.bays}`);
    return taken.has(wanted) ? refuse('NO_BAY_FREE', `bay ${wanted} is busy`) : wanted;
  }
  for (let b = 1; b <= station.bays; b++) if (!taken.has(b)) return b;
  return refuse('NO_BAY_FREE', `all ${station.bays} bays of station ${station.id} are busy`);
}

export function completeSwap(db: Database, who: Principal, id: string, returnedSocPercent: number | undefined, now: number): Promise<Outcome> {
  return withBooking(db, who, id, now, async (tx, row, station) => {
    if (row.status === 'COMPLETED') return unchanged(tx, row);
    return move(tx, row, station, { type: 'complete', newPackId: String(row.pack_id) }, now, { returnedSocPercent });
  });
}

export function failSwap(db: Database, who: Principal, id: string, reason: 'STATION_FAULT' | 'SWAP_NOT_STARTED' | 'SWAP_TIMED_OUT', now: number): Promise<Outcome> {
  return withBooking(db, who, id, now, async (tx, row, station) => {
    if (row.status === 'FAILED') return unchanged(tx, row);
    return move(tx, row, station, { type: 'fail', reason }, now);
  });
}

/**
 * A car that drove in without booking (reported by the station): it takes a ready, unheld pack
 * and joins the queue at once, exactly like a booked car that checked in.
 */
export async function walkIn(db: Database, who: Principal, stationId: string, body: { pack_standard: string; vehicle_id?: string; soc_percent?: number }, now: number): Promise<CreateOutcome | { kind: 'not_found' }> {
  const station = await cachedStation(db, stationId);
  if (!station) return { kind: 'not_found' };
  if (!station.packStandards.includes(body.pack_standard)) {
    return refuse('INCOMPATIBLE_PACK_STANDARD', `station ${station.id} swaps ${station.packStandards.join(', ')}, not ${body.pack_standard}`);
  }
  const id = `wk_${randomUUID()}`;
  const terms = station.details.terms;
  const kwh = station.details.pack_kwh[body.pack_standard];
  return db.transaction(async (tx) => {
    const pack = await tx.query<{ id: unknown }>(
      `SELECT id FROM swap_packs WHERE station_id = $1 AND standard = $2 AND state = 'READY' AND booking_id IS NULL
       ORDER BY soc_percent DESC, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [station.id, body.pack_standard],
    );
    if (pack.rowCount === 0) throw new Rollback(refuse('NO_PACK_AVAILABLE', `no ready ${body.pack_standard} pack is left unbooked at ${station.id}`));
    const t = iso(now);
    await tx.query(
      `INSERT INTO swap_bookings (id, client_id, idempotency_key, request_hash, station_id, pack_standard, vehicle_id, status, pack_id, walk_in,
         terms, pack_kwh, price_estimate_minor, arrival_soc_percent, created_at, updated_at, arrival_at, cancel_until, expires_at, arrived_at)
       VALUES ($1, $2, $1, '', $3, $4, $5, 'ARRIVED', $6, true, $7::jsonb, $8, $9, $10, $11::timestamptz, $11::timestamptz, $11::timestamptz, $11::timestamptz, $11::timestamptz, $11::timestamptz)`,
      [id, who.clientId, station.id, body.pack_standard, body.vehicle_id ?? `walk-in-${id.slice(3, 11)}`, pack.rows[0].id, JSON.stringify(terms), kwh,
        priceEstimateMinor(terms, kwh, body.soc_percent), body.soc_percent ?? null, t],
    );
    await tx.query(`UPDATE swap_packs SET booking_id = $1, updated_at = $3::timestamptz WHERE id = $2`, [id, pack.rows[0].id, t]);
    await tx.query(`INSERT INTO swap_booking_events (booking_id, status, at) VALUES ($1, 'CONFIRMED', $2::timestamptz), ($1, 'ARRIVED', $2::timestamptz)`, [id, t]);
    return { kind: 'created', booking: (await readBooking(tx, id))! };
  });
}

/** A client's recorded no-shows, newest first. */
export async function listNoShows(sql: Sql, who: Principal, vehicleId?: string): Promise<{ booking_id: string; vehicle_id: string; station_id: string; fee: { amount_minor: number; currency: string }; recorded_at: string }[]> {
  const { rows } = await sql.query<{ booking_id: string; vehicle_id: string; station_id: string; fee_minor: number; currency: string; recorded_at: unknown }>(
    `SELECT * FROM swap_no_shows WHERE ($1::text IS NULL OR client_id = $1) AND ($2::text IS NULL OR vehicle_id = $2) ORDER BY recorded_at DESC LIMIT 500`,
    [who.roles.has('station') ? null : who.clientId, vehicleId ?? null],
  );
  return rows.map((r) => ({ booking_id: r.booking_id, vehicle_id: r.vehicle_id, station_id: r.station_id, fee: { amount_minor: Number(r.fee_minor), currency: r.currency }, recorded_at: iso(ms(r.recorded_at)) }));
}
