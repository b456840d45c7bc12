// Checks a swap database against what clients were told: no pack held twice, holds consistent both ways, no acknowledged booking lost.
import type { Sql } from '../db/database';

export interface AuditResult {
  bookings: number;
  liveBookings: number;
  /** Packs with more than one live booking holding them (the constraints make this 0). */
  doubleBooked: number;
  /** Live bookings whose pack does not name them back, or packs held for a booking that is not live. */
  inconsistentHolds: number;
  /** Acknowledged bookings missing from the database or in a status that contradicts the acknowledgement. */
  lost: string[];
  statusCounts: Record<string, number>;
}

/**
 * `acknowledged` maps booking ids to what the client was told last: CONFIRMED (a 201/200 on
 * create) or CANCELLED (a 200 on cancel). A confirmed booking may since have moved on by itself
 * (expired, swapped); it may not be gone, nor be CANCELLED without the client having asked.
 */
export async function auditBookings(sql: Sql, acknowledged: ReadonlyMap<string, 'CONFIRMED' | 'CANCELLED'>): Promise<AuditResult> {
  const live = `('CONFIRMED','ARRIVED','SWAPPING')`;
  const one = async (text: string) => Number(Object.values((await sql.query<Record<string, unknown>>(text)).rows[0])[0]);
  const doubleBooked = await one(`SELECT count(*) FROM (SELECT pack_id FROM swap_bookings WHERE status IN ${live} GROUP BY pack_id HAVING count(*) > 1) d`);
  const inconsistentHolds =
    (await one(`SELECT count(*) FROM swap_bookings b LEFT JOIN swap_packs p ON p.id = b.pack_id WHERE b.status IN ${live} AND (p.booking_id IS DISTINCT FROM b.id)`)) +
    (await one(`SELECT count(*) FROM swap_packs p LEFT JOIN swap_bookings b ON b.id = p.booking_id WHERE p.booking_id IS NOT NULL AND (b.id IS NULL OR b.status NOT IN ${live})`));
  const { rows } = await sql.query<{ id: string; status: string }>('SELECT id, status FROM swap_bookings');
  const status = new Map(rows.map((r) => [r.id, r.status]));
  const lost: string[] = [];
  for (const [id, told] of acknowledged) {
    const now = status.get(id);
    if (now === undefined) lost.push(id);
    else if (told === 'CANCELLED' && now !== 'CANCELLED') lost.push(id);
    else if (told === 'CONFIRMED' && now === 'CANCELLED') lost.push(id);
  }
  const statusCounts: Record<string, number> = {};
  for (const s of status.values()) statusCounts[s] = (statusCounts[s] ?? 0) + 1;
  return {
    bookings: rows.length,
    liveBookings: rows.filter((r) => ['CONFIRMED', 'ARRIVED', 'SWAPPING'].includes(r.status)).length,
    doubleBooked,
    inconsistentHolds,
    lost,
    statusCounts,
  };
}
