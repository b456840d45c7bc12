// Applies one state-machine event to a locked booking row in one statement: the conditional UPDATE, the pack it frees, the charge, the event row, the no-show record.
import { allowedFrom, dueTimeout, nextStatus, type BookingEvent, type BookingTimeouts } from '../../shared/swap/bookingMachine';
import { ASSUMED_ARRIVAL_SOC, cancellationCharge, noShowCharge, swapCharge, type Charge } from '../../shared/swap/terms';
import type { Sql } from '../db/database';
import { bookingClock, readBooking, type BookingRow, type StoredBooking } from './bookingRows';
import { rechargeMs, type StationDetails } from './stations';
import { iso, ms } from './values';

/** The operator's waits for a station (the car-side request timeout does not apply here). */
export const OPERATOR_TIMEOUTS: BookingTimeouts = { requestMs: 30_000, arrivedMs: 45 * 60_000, swapMs: 30 * 60_000 };

export interface EventInputs {
  /** start_swap: the bay the swap runs in. */
  bay?: number;
  /** arrive: what the car reported at check-in. */
  socPercent?: number;
  returnedPackId?: string;
  /** complete: the station's measurement of the returned pack. */
  returnedSocPercent?: number;
}

/** The station a booking belongs to, loaded only by the events that need it. */
export type StationLoader = () => Promise<StationDetails>;

/**
 * Applies an event to the booking, which the caller has locked FOR UPDATE in this transaction,
 * and returns the booking as it is now (null when the move is not allowed). The UPDATE is
 * conditional on the statuses the state machine allows the event from, so even a caller holding a
 * stale row cannot make an illegal move; the freed pack, the event and a no-show record ride in
 * the same statement.
 */
export async function applyEvent(tx: Sql, row: StoredBooking, event: BookingEvent, now: number, station: StationLoader, inputs: EventInputs = {}): Promise<BookingRow | null> {
  const to = nextStatus(row.status, event.type);
  if (!to) return null;
  const params: unknown[] = [row.id, allowedFrom(event.type), to, iso(now)];
  const set = ['status = $3', 'updated_at = $4::timestamptz'];
  const put = (column: string, value: unknown, cast = '') => {
    params.push(value);
    set.push(`${column} = $${params.length}${cast}`);
  };
  const charge = (c: Charge) => {
    put('charge_minor', c.amount_minor);
    put('charge_reason', c.reason);
  };
  let reason: string | null = null;
  let releasesPack = false;

  switch (event.type) {
    case 'cancel':
      charge(cancellationCharge(row.terms, ms(row.cancel_until), now));
      releasesPack = true;
      break;
    case 'expire':
      charge(noShowCharge(row.terms));
      put('no_show', true);
      reason = 'NO_SHOW';
      releasesPack = true;
      break;
    case 'fail':
      reason = event.reason;
      releasesPack = true;
      break;
    case 'arrive':
      put('arrived_at', iso(now), '::timestamptz');
      put('arrival_soc_percent', inputs.socPercent ?? null);
      put('returned_pack_id', inputs.returnedPackId ?? null);
      break;
    case 'start_swap':
      put('bay', inputs.bay);
      put('swap_started_at', iso(now), '::timestamptz');
      put('swap_ends_at', iso(now + (await station()).typical_swap_minutes * 60_000), '::timestamptz');
      break;
    case 'complete': {
      const pack = await tx.query<{ soc_percent: number }>('SELECT soc_percent FROM swap_packs WHERE id = $1', [row.pack_id]);
      const newSoc = Number(pack.rows[0]?.soc_percent ?? 0);
      const returnedSoc = inputs.returnedSocPercent ?? row.arrival_soc_percent ?? ASSUMED_ARRIVAL_SOC;
      charge(swapCharge(row.terms, Number(row.pack_kwh), returnedSoc, newSoc));
      put('new_pack_soc_percent', newSoc);
      put('returned_pack_soc_percent', returnedSoc);
      // The booking keeps the serial the car reported; a pack it did not name is known by ours.
      const shelved = await shelveReturnedPack(tx, row, returnedSoc, now, await station());
      if (row.returned_pack_id === null || row.returned_pack_id === undefined) put('returned_pack_id', shelved);
      put('completed_at', iso(now), '::timestamptz');
      // The held pack leaves with the car.
      await tx.query(`UPDATE swap_packs SET state = 'INSTALLED', station_id = NULL, booking_id = NULL, updated_at = $2::timestamptz WHERE id = $1`, [row.pack_id, iso(now)]);
      break;
    }
    case 'confirm':
    case 'reject':
      // The operator decides these inside the booking INSERT; they never reach a stored row.
      return null;
  }
  if (reason !== null) put('status_reason', reason);
  if (to === 'COMPLETED' || to === 'CANCELLED' || to === 'EXPIRED' || to === 'FAILED') put('ended_at', iso(now), '::timestamptz');
  params.push(reason);
  const reasonParam = `$${params.length}::text`;

  const ctes = [
    `upd AS (UPDATE swap_bookings SET ${set.join(', ')} WHERE id = $1 AND status = ANY($2::text[]) RETURNING *)`,
    `ev AS (INSERT INTO swap_booking_events (booking_id, status, reason, at) SELECT id, status, ${reasonParam}, $4::timestamptz FROM upd RETURNING seq)`,
  ];
  if (releasesPack) {
    ctes.push(`freed AS (UPDATE swap_packs SET booking_id = NULL, updated_at = $4::timestamptz WHERE id = (SELECT pack_id FROM upd) AND booking_id = $1 RETURNING id)`);
  }
  if (event.type === 'expire') {
    ctes.push(`noshow AS (INSERT INTO swap_no_shows (booking_id, client_id, vehicle_id, station_id, fee_minor, currency, recorded_at)
      SELECT id, client_id, vehicle_id, station_id, charge_minor, terms->>'currency', $4::timestamptz FROM upd ON CONFLICT DO NOTHING RETURNING booking_id)`);
  }
  const { rows } = await tx.query<BookingRow>(
    `WITH ${ctes.join(',\n')}
     SELECT upd.*, (SELECT seq FROM ev) AS event_seq, NULL::int AS queue_position,
       (SELECT p.soc_percent FROM swap_packs p WHERE p.id = upd.pack_id) AS held_pack_soc_percent
     FROM upd`,
    params,
  );
  if (rows.length === 0) return null;
  // Only a checked-in car has a queue place; that takes a count of the cars ahead of it.
  return to === 'ARRIVED' ? readBooking(tx, row.id) : rows[0];
}

/**
 * The car's old pack goes on the station's charger. A pack this operator once issued keeps its
 * serial; a stranger's pack gets one of ours (its serial could collide with our sequence).
 */
async function shelveReturnedPack(tx: Sql, row: StoredBooking, soc: number, now: number, station: StationDetails): Promise<string> {
  const readyAt = iso(now + rechargeMs(station, soc));
  if (row.returned_pack_id !== null && row.returned_pack_id !== undefined) {
    const known = await tx.query<{ id: unknown }>(
      `UPDATE swap_packs SET state = 'CHARGING', station_id = $2, soc_percent = $3, ready_at = $4::timestamptz, updated_at = $5::timestamptz
       WHERE id = $1 AND state = 'INSTALLED' AND standard = $6 RETURNING id`,
      [row.returned_pack_id, row.station_id, soc, readyAt, iso(now), row.pack_standard],
    );
    if (known.rowCount === 1) return String(known.rows[0].id);
  }
  const fresh = await tx.query<{ id: unknown }>(
    `INSERT INTO swap_packs (standard, station_id, state, soc_percent, ready_at, updated_at)
     VALUES ($1, $2, 'CHARGING', $3, $4::timestamptz, $5::timestamptz) RETURNING id`,
    [row.pack_standard, row.station_id, soc, readyAt, iso(now)],
  );
  return String(fresh.rows[0].id);
}

/** Applies the timeout that is due for this (locked) booking, if any; the booking after it, or null when none was due. */
export async function applyDueTimeout(tx: Sql, row: StoredBooking, now: number, station: StationLoader): Promise<BookingRow | null> {
  const event = dueTimeout(bookingClock(row), now, OPERATOR_TIMEOUTS);
  return event ? applyEvent(tx, row, event, now, station) : null;
}
