// Applies one state-machine event to a locked booking row: the conditional UPDATE, the pack it holds or frees, the charge, the event row.
import { allowedFrom, dueTimeout, nextStatus, type BookingEvent, type BookingTimeouts } from '../../shared/swap/bookingMachine';
import { ASSUMED_ARRIVAL_SOC, cancellationCharge, noShowCharge, swapCharge, type Charge } from '../../shared/swap/terms';
import type { Sql } from '../db/database';
import { bookingClock, type BookingRow } from './bookingRows';
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

/**
 * Moves the booking, which the caller has locked FOR UPDATE in this transaction. The UPDATE is
 * conditional on the statuses the state machine allows the event from, so even a caller holding
 * a stale row cannot make an illegal move. Returns false when the move is not allowed.
 */
export async function applyEvent(tx: Sql, row: BookingRow, event: BookingEvent, now: number, station: StationDetails, inputs: EventInputs = {}): Promise<boolean> {
  const to = nextStatus(row.status, event.type);
  if (!to) return false;
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
      put('swap_ends_at', iso(now + station.typical_swap_minutes * 60_000), '::timestamptz');
      break;
    case 'complete': {
      const pack = await tx.query<{ soc_percent: number }>('SELECT soc_percent FROM swap_packs WHERE id = $1', [row.pack_id]);
      const newSoc = Number(pack.rows[0]?.soc_percent ?? 0);
      const returnedSoc = inputs.returnedSocPercent ?? row.arrival_soc_percent ?? ASSUMED_ARRIVAL_SOC;
      charge(swapCharge(row.terms, Number(row.pack_kwh), returnedSoc, newSoc));
      put('new_pack_soc_percent', newSoc);
      put('returned_pack_soc_percent', returnedSoc);
      // The booking keeps the serial the car reported; a pack it did not name is known by ours.
      const shelved = await shelveReturnedPack(tx, row, returnedSoc, now, station);
      if (row.returned_pack_id === null || row.returned_pack_id === undefined) put('returned_pack_id', shelved);
      put('completed_at', iso(now), '::timestamptz');
      // The held pack leaves with the car.
      await tx.query(`UPDATE swap_packs SET state = 'INSTALLED', station_id = NULL, booking_id = NULL, updated_at = $2::timestamptz WHERE id = $1`, [row.pack_id, iso(now)]);
      break;
    }
    case 'confirm':
    case 'reject':
      // The operator decides these inside the booking INSERT; they never reach a stored row.
      return false;
  }
  if (reason !== null) put('status_reason', reason);
  if (to === 'COMPLETED' || to === 'CANCELLED' || to === 'EXPIRED' || to === 'FAILED') put('ended_at', iso(now), '::timestamptz');

  const updated = await tx.query(`UPDATE swap_bookings SET ${set.join(', ')} WHERE id = $1 AND status = ANY($2::text[])`, params);
  if (updated.rowCount !== 1) return false;
  if (releasesPack) {
    await tx.query('UPDATE swap_packs SET booking_id = NULL, updated_at = $3::timestamptz WHERE id = $1 AND booking_id = $2', [row.pack_id, row.id, iso(now)]);
  }
  await tx.query('INSERT INTO swap_booking_events (booking_id, status, reason, at) VALUES ($1, $2, $3, $4::timestamptz)', [row.id, to, reason, iso(now)]);
  if (event.type === 'expire') {
    const fee = noShowCharge(row.terms);
    await tx.query(
      `INSERT INTO swap_no_shows (booking_id, client_id, vehicle_id, station_id, fee_minor, currency, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz) ON CONFLICT DO NOTHING`,
      [row.id, row.client_id, row.vehicle_id, row.station_id, fee.amount_minor, fee.currency, iso(now)],
    );
  }
  return true;
}

/**
 * The car's old pack goes on the station's charger. A pack this operator once issued keeps its
 * serial; a stranger's pack gets one of ours (its serial could collide with our sequence).
 */
async function shelveReturnedPack(tx: Sql, row: BookingRow, soc: number, now: number, station: StationDetails): Promise<string> {
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

/** Applies the timeout that is due for this (locked) booking, if any; true when it moved. */
export async function applyDueTimeout(tx: Sql, row: BookingRow, now: number, station: StationDetails): Promise<boolean> {
  const event = dueTimeout(bookingClock(row), now, OPERATOR_TIMEOUTS);
  return event ? applyEvent(tx, row, event, now, station) : false;
}
