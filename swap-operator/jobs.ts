// Background work every operator process runs (safely in parallel on one database): expiry and no-shows, stuck swaps, pack recharging, and the stations' swap robots.
import { ASSUMED_READY_SOC } from '../shared/swap/terms';
import type { Database, Sql } from './db/database';
import { lockBooking } from './store/bookingRows';
import { freeBay } from './store/bookings';
import { cachedStation, type StationDetails } from './store/stations';
import { applyDueTimeout, applyEvent, OPERATOR_TIMEOUTS } from './store/transitions';
import { iso } from './store/values';

export interface JobCounts {
  expired: number;
  timedOut: number;
  recharged: number;
  swapsStarted: number;
  swapsCompleted: number;
}

const BATCH = 200;

/** Bookings whose timeout fell due: CONFIRMED past its hold (the no-show), ARRIVED or SWAPPING for too long. */
async function sweepTimeouts(db: Database, now: number): Promise<{ expired: number; timedOut: number }> {
  const { rows } = await db.query<{ id: string; status: string }>(
    `SELECT id, status FROM swap_bookings
     WHERE (status = 'CONFIRMED' AND expires_at <= $1::timestamptz)
        OR (status = 'ARRIVED' AND arrived_at <= $2::timestamptz)
        OR (status = 'SWAPPING' AND swap_started_at <= $3::timestamptz)
     ORDER BY id LIMIT ${BATCH}`,
    [iso(now), iso(now - OPERATOR_TIMEOUTS.arrivedMs), iso(now - OPERATOR_TIMEOUTS.swapMs)],
  );
  let expired = 0;
  let timedOut = 0;
  for (const { id, status } of rows) {
    // Another process (or a request) may get there first: the row lock and re-check make that harmless.
    const moved = await db.transaction(async (tx) => {
      const row = await lockBooking(tx, id);
      return row ? (await applyDueTimeout(tx, row, now, details(db, row.station_id, tx))) !== null : false;
    });
    if (moved && status === 'CONFIRMED') expired++;
    else if (moved) timedOut++;
  }
  return { expired, timedOut };
}

/** The station's details, loaded when an event needs them (a retired station's too: its bookings still end). */
function details(db: Database, stationId: string, tx: Sql): () => Promise<StationDetails> {
  return async () => (await cachedStation(db, stationId, { includeRetired: true, via: tx }))!.details;
}

/** Packs on the charger that are full by now go back on the shelf as ready. */
async function recharge(db: Database, now: number): Promise<number> {
  const r = await db.query(
    `UPDATE swap_packs SET state = 'READY', soc_percent = $2, ready_at = NULL, updated_at = $1::timestamptz
     WHERE state = 'CHARGING' AND ready_at <= $1::timestamptz`,
    [iso(now), ASSUMED_READY_SOC],
  );
  return r.rowCount;
}

/** The station's robot: cars that checked in get a free bay, in arrival order. */
async function startWaitingSwaps(db: Database, now: number): Promise<number> {
  const { rows } = await db.query<{ station_id: string }>(`SELECT DISTINCT station_id FROM swap_bookings WHERE status = 'ARRIVED'`);
  let started = 0;
  for (const { station_id } of rows) {
    started += await db.transaction(async (tx) => {
      const station = await cachedStation(db, station_id, { includeRetired: true, via: tx });
      if (!station) return 0;
      const waiting = await tx.query<{ id: string }>(`SELECT id FROM swap_bookings WHERE station_id = $1 AND status = 'ARRIVED' ORDER BY arrived_at, id`, [station_id]);
      let n = 0;
      for (const { id } of waiting.rows) {
        const bay = await freeBay(tx, station);
        if (typeof bay === 'object') break;
        const row = await lockBooking(tx, id);
        if (row?.status === 'ARRIVED' && (await applyEvent(tx, row, { type: 'start_swap' }, now, details(db, station_id, tx), { bay }))) n++;
      }
      return n;
    });
  }
  return started;
}

/** Swaps whose robot time is up are complete: the car drives off with the held pack. */
async function completeFinishedSwaps(db: Database, now: number): Promise<number> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM swap_bookings WHERE status = 'SWAPPING' AND swap_ends_at <= $1::timestamptz ORDER BY id LIMIT ${BATCH}`, [iso(now)]);
  let completed = 0;
  for (const { id } of rows) {
    const done = await db.transaction(async (tx) => {
      const row = await lockBooking(tx, id);
      if (row?.status !== 'SWAPPING') return false;
      return (await applyEvent(tx, row, { type: 'complete', newPackId: String(row.pack_id) }, now, details(db, row.station_id, tx))) !== null;
    });
    if (done) completed++;
  }
  return completed;
}

export async function runJobsOnce(db: Database, now: number, { autoSwap }: { autoSwap: boolean }): Promise<JobCounts> {
  const { expired, timedOut } = await sweepTimeouts(db, now);
  const recharged = await recharge(db, now);
  const swapsStarted = autoSwap ? await startWaitingSwaps(db, now) : 0;
  const swapsCompleted = autoSwap ? await completeFinishedSwaps(db, now) : 0;
  return { expired, timedOut, recharged, swapsStarted, swapsCompleted };
}

export interface JobRunner {
  stop(): Promise<void>;
  totals(): JobCounts;
}

/** Runs the jobs every `intervalMs`, never two rounds at once; a failed round is reported and the next one tries again. */
export function startJobs(db: Database, opts: { intervalMs: number; autoSwap: boolean; now?: () => number; onError: (error: unknown) => void }): JobRunner {
  const now = opts.now ?? Date.now;
  const totals: JobCounts = { expired: 0, timedOut: 0, recharged: 0, swapsStarted: 0, swapsCompleted: 0 };
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = runJobsOnce(db, now(), opts)
      .then((c) => {
        for (const k of Object.keys(totals) as (keyof JobCounts)[]) totals[k] += c[k];
      })
      .catch((error) => {
        if (!stopped) opts.onError(error);
      })
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, opts.intervalMs);
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
    totals: () => ({ ...totals }),
  };
}
