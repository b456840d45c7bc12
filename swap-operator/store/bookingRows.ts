// A booking row as the store reads it (with its queue place and latest event), and its protocol JSON.
import type { BookingClock, BookingStatus } from '../../shared/swap/bookingMachine';
import type { ProtocolBooking } from '../../shared/swap/protocol';
import type { ChargeReason, SwapTerms } from '../../shared/swap/terms';
import type { Sql } from '../db/database';
import { idText, iso, isoOrNull, ms, msOrNull, numOrNull } from './values';

/** A swap_bookings row as stored. */
export interface StoredBooking {
  id: string;
  client_id: string;
  idempotency_key: string;
  request_hash: string;
  station_id: string;
  pack_standard: string;
  vehicle_id: string;
  status: BookingStatus;
  pack_id: unknown;
  walk_in: boolean;
  terms: SwapTerms;
  pack_kwh: number;
  price_estimate_minor: number;
  charge_minor: number;
  charge_reason: ChargeReason | null;
  no_show: boolean;
  status_reason: string | null;
  arrival_soc_percent: number | null;
  returned_pack_id: unknown;
  returned_pack_soc_percent: number | null;
  new_pack_soc_percent: number | null;
  bay: number | null;
  created_at: unknown;
  updated_at: unknown;
  arrival_at: unknown;
  cancel_until: unknown;
  expires_at: unknown;
  arrived_at: unknown;
  swap_started_at: unknown;
  swap_ends_at: unknown;
  completed_at: unknown;
  ended_at: unknown;
}

/** A booking as answered: the stored row plus its queue place, latest event and the held pack's charge. */
export interface BookingRow extends StoredBooking {
  queue_position: number | null;
  event_seq: unknown;
  held_pack_soc_percent: number | null;
}

/** The columns every booking read selects; `b` is swap_bookings. */
export const BOOKING_COLUMNS = `b.*,
  CASE WHEN b.status = 'ARRIVED' THEN (
    SELECT count(*)::int FROM swap_bookings q
    WHERE q.station_id = b.station_id AND q.status = 'ARRIVED' AND (q.arrived_at, q.id) <= (b.arrived_at, b.id)
  ) END AS queue_position,
  (SELECT coalesce(max(e.seq), 0) FROM swap_booking_events e WHERE e.booking_id = b.id) AS event_seq,
  (SELECT p.soc_percent FROM swap_packs p WHERE p.id = b.pack_id) AS held_pack_soc_percent`;

/** Reads one booking as answered (no lock). */
export async function readBooking(sql: Sql, id: string): Promise<BookingRow | null> {
  const { rows } = await sql.query<BookingRow>(`SELECT ${BOOKING_COLUMNS} FROM swap_bookings b WHERE b.id = $1`, [id]);
  return rows[0] ?? null;
}

/** Locks one booking for the rest of the transaction and returns its stored row. */
export async function lockBooking(sql: Sql, id: string): Promise<StoredBooking | null> {
  const { rows } = await sql.query<StoredBooking>('SELECT * FROM swap_bookings WHERE id = $1 FOR UPDATE', [id]);
  return rows[0] ?? null;
}

export function bookingClock(r: StoredBooking): BookingClock {
  return {
    status: r.status,
    requestedAt: ms(r.created_at),
    expiresAt: msOrNull(r.expires_at),
    arrivedAt: msOrNull(r.arrived_at),
    swapStartedAt: msOrNull(r.swap_started_at),
  };
}

export function bookingJson(r: BookingRow, now: number): ProtocolBooking {
  const swapped = r.status === 'SWAPPING' || r.status === 'COMPLETED';
  return {
    id: r.id,
    status: r.status,
    station_id: r.station_id,
    pack_standard: r.pack_standard,
    vehicle_id: r.vehicle_id,
    created_at: iso(ms(r.created_at)),
    updated_at: iso(ms(r.updated_at)),
    arrival_at: iso(ms(r.arrival_at)),
    cancel_until: iso(ms(r.cancel_until)),
    expires_at: iso(ms(r.expires_at)),
    terms: r.terms,
    price_estimate: { amount_minor: Number(r.price_estimate_minor), currency: r.terms.currency },
    charge: { amount_minor: Number(r.charge_minor), currency: r.terms.currency, reason: r.charge_reason },
    no_show: r.no_show,
    status_reason: r.status_reason,
    queue_position: numOrNull(r.queue_position),
    bay: numOrNull(r.bay),
    swap: {
      started_at: isoOrNull(r.swap_started_at),
      expected_end_at: isoOrNull(r.swap_ends_at),
      completed_at: isoOrNull(r.completed_at),
      // The pack held for the car is the one it gets; it is named once the swap starts.
      new_pack_id: swapped ? idText(r.pack_id) : null,
      new_pack_soc_percent: swapped ? numOrNull(r.new_pack_soc_percent ?? r.held_pack_soc_percent) : null,
      returned_pack_id: idText(r.returned_pack_id),
      returned_pack_soc_percent: numOrNull(r.returned_pack_soc_percent),
    },
    event_seq: Number(r.event_seq),
    server_time: iso(now),
  };
}
