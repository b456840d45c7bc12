// Stations in the database: seeded from the stations file (packs only the first time), and read back with live availability.
import { estimatedWaitMinutes, packKwh } from '../../shared/swap/model';
import { isOpenAt } from '../../shared/swap/openingHours';
import type { OpeningTimes, ProtocolStation } from '../../shared/swap/protocol';
import type { StationEntry } from '../../shared/swap/stationsFile';
import { ASSUMED_READY_SOC, resolveTerms, type SwapTerms } from '../../shared/swap/terms';
import type { Database, Sql } from '../db/database';
import { iso } from './values';

/** What the operator keeps about a station besides the columns it queries on. */
export interface StationDetails {
  address: string | null;
  city: string | null;
  country: string | null;
  time_zone: string | null;
  operator: string | null;
  opening_times: OpeningTimes;
  typical_swap_minutes: number;
  recharge_minutes: number;
  pack_kwh: Record<string, number>;
  terms: SwapTerms;
}

export interface StationRecord {
  id: string;
  name: string;
  lat: number;
  lon: number;
  packStandards: string[];
  bays: number;
  details: StationDetails;
}

export const DEFAULT_TYPICAL_SWAP_MINUTES = 5;
export const DEFAULT_RECHARGE_MINUTES = 60;
/** A pack the station's shelf charger starts on when the file lists it as charging. */
const CHARGING_START_SOC = 30;
/** Unknown standards without a pack_kwh figure are priced as a mid-size pack. */
const FALLBACK_PACK_KWH = 60;

function detailsOf(s: StationEntry): StationDetails {
  const kwh: Record<string, number> = {};
  for (const std of s.pack_standards) kwh[std] = packKwh(std, s.pack_kwh) ?? FALLBACK_PACK_KWH;
  return {
    address: s.address ?? null,
    city: s.city ?? null,
    country: s.country ?? null,
    time_zone: s.time_zone ?? null,
    operator: s.operator ?? null,
    opening_times: s.opening_times ?? { twentyfourseven: true },
    typical_swap_minutes: s.typical_swap_minutes ?? DEFAULT_TYPICAL_SWAP_MINUTES,
    recharge_minutes: s.recharge_minutes ?? DEFAULT_RECHARGE_MINUTES,
    pack_kwh: kwh,
    terms: resolveTerms(s.terms),
  };
}

/** Time on the shelf charger from `soc` to a ready pack. */
export function rechargeMs(details: StationDetails, soc: number): number {
  return (Math.max(0, ASSUMED_READY_SOC - soc) / 100) * details.recharge_minutes * 60_000;
}

const SEED_LOCK = 74_320_012;

/**
 * Makes the database's stations match the file: names, bays and terms are updated on every start;
 * a station's initial packs are created only the first time its standard appears (afterwards the
 * database's packs are the truth); stations gone from the file are retired, their bookings kept.
 */
export async function seedStations(db: Database, entries: StationEntry[], now: number): Promise<{ added: number; seededPacks: number }> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    let added = 0;
    let seededPacks = 0;
    for (const s of entries) {
      const inserted = await tx.query<{ inserted: boolean }>(
        `INSERT INTO swap_stations (id, name, lat, lon, pack_standards, bays, details, retired, updated_at)
         VALUES ($1, $2, $3, $4, $5::text[], $6, $7::jsonb, false, $8::timestamptz)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, lat = EXCLUDED.lat, lon = EXCLUDED.lon,
           pack_standards = EXCLUDED.pack_standards, bays = EXCLUDED.bays, details = EXCLUDED.details,
           retired = false, updated_at = EXCLUDED.updated_at
         RETURNING (xmax = 0) AS inserted`,
        [s.id, s.name, s.lat, s.lon, s.pack_standards, s.bays, JSON.stringify(detailsOf(s)), iso(now)],
      );
      if (inserted.rows[0]?.inserted) added++;
      const details = detailsOf(s);
      for (const std of s.pack_standards) {
        const first = await tx.query('INSERT INTO swap_seeded (station_id, standard, seeded_at) VALUES ($1, $2, $3::timestamptz) ON CONFLICT DO NOTHING RETURNING 1', [s.id, std, iso(now)]);
        if (first.rowCount === 0) continue;
        seededPacks += await insertPacks(tx, s.id, std, s.ready_packs[std] ?? 0, 'READY', ASSUMED_READY_SOC, null, now);
        const charging = s.charging_packs?.[std] ?? 0;
        seededPacks += await insertPacks(tx, s.id, std, charging, 'CHARGING', CHARGING_START_SOC, now + rechargeMs(details, CHARGING_START_SOC), now);
      }
    }
    await tx.query('UPDATE swap_stations SET retired = true WHERE NOT (id = ANY($1::text[])) AND NOT retired', [entries.map((s) => s.id)]);
    return { added, seededPacks };
  });
}

async function insertPacks(tx: Sql, stationId: string, standard: string, count: number, state: 'READY' | 'CHARGING', soc: number, readyAt: number | null, now: number): Promise<number> {
  if (count === 0) return 0;
  const r = await tx.query(
    `INSERT INTO swap_packs (standard, station_id, state, soc_percent, ready_at, updated_at)
     SELECT $1, $2, $3, $4, $5::timestamptz, $6::timestamptz FROM generate_series(1, $7)`,
    [standard, stationId, state, soc, readyAt === null ? null : iso(readyAt), iso(now), count],
  );
  return r.rowCount;
}

interface StationRow {
  id: string;
  name: string;
  lat: number;
  lon: number;
  pack_standards: string[];
  bays: number;
  details: StationDetails;
}

function record(r: StationRow): StationRecord {
  return { id: r.id, name: r.name, lat: Number(r.lat), lon: Number(r.lon), packStandards: r.pack_standards, bays: Number(r.bays), details: r.details };
}

/**
 * Station records change only when an operator process starts and seeds the file, so each
 * process may reuse what it read (name, standards, terms) for a few seconds. Whether a pack is
 * left, and which one a booking holds, is always decided in the database.
 */
export const STATION_CACHE_MS = 5_000;
const cache = new Map<string, { at: number; row: (StationRecord & { retired: boolean }) | null }>();

/**
 * A station by id (a retired one only when asked for: its bookings stay readable and cancellable). Inside a
 * transaction pass it as `via`: on PGlite the database's own queries wait for the transaction to end, so reading
 * through the database from inside one would wait for ever once the cached record has gone stale.
 */
export async function cachedStation(db: Database, id: string, { includeRetired = false, via }: { includeRetired?: boolean; via?: Sql } = {}): Promise<StationRecord | null> {
  const key = `${db.where}\u0000${id}`;
  const now = performance.now();
  let hit = cache.get(key);
  if (!hit || now - hit.at > STATION_CACHE_MS) {
    const { rows } = await (via ?? db).query<StationRow & { retired: boolean }>('SELECT id, name, lat, lon, pack_standards, bays, details, retired FROM swap_stations WHERE id = $1', [id]);
    hit = { at: now, row: rows[0] ? { ...record(rows[0]), retired: rows[0].retired } : null };
    if (cache.size > 10_000) cache.clear();
    cache.set(key, hit);
  }
  return hit.row && (includeRetired || !hit.row.retired) ? hit.row : null;
}

export interface Availability {
  ready: Record<string, number>;
  charging: Record<string, number>;
  baysBusy: number;
  queueLength: number;
}

/**
 * Live figures for one station or all, in one statement (one snapshot). "Ready" counts packs that
 * are charged, on the shelf, and not held by any booking.
 */
export async function loadStationsWithAvailability(sql: Sql, id?: string): Promise<{ station: StationRecord; availability: Availability }[]> {
  const { rows } = await sql.query<StationRow & { ready: Record<string, number> | null; charging: Record<string, number> | null; bays_busy: number; queue_length: number }>(
    `SELECT s.id, s.name, s.lat, s.lon, s.pack_standards, s.bays, s.details,
       (SELECT json_object_agg(standard, n) FROM (SELECT standard, count(*)::int AS n FROM swap_packs p
          WHERE p.station_id = s.id AND p.state = 'READY' AND p.booking_id IS NULL GROUP BY standard) r) AS ready,
       (SELECT json_object_agg(standard, n) FROM (SELECT standard, count(*)::int AS n FROM swap_packs p
          WHERE p.station_id = s.id AND p.state = 'CHARGING' GROUP BY standard) c) AS charging,
       (SELECT count(*)::int FROM swap_bookings b WHERE b.station_id = s.id AND b.status = 'SWAPPING') AS bays_busy,
       (SELECT count(*)::int FROM swap_bookings b WHERE b.station_id = s.id AND b.status = 'ARRIVED') AS queue_length
     FROM swap_stations s
     WHERE NOT s.retired AND ($1::text IS NULL OR s.id = $1)
     ORDER BY s.id`,
    [id ?? null],
  );
  return rows.map((r) => {
    const station = record(r);
    const zeroes = Object.fromEntries(station.packStandards.map((std) => [std, 0]));
    return {
      station,
      availability: {
        ready: { ...zeroes, ...(r.ready ?? {}) },
        charging: { ...zeroes, ...(r.charging ?? {}) },
        baysBusy: Number(r.bays_busy),
        queueLength: Number(r.queue_length),
      },
    };
  });
}

export function stationJson(station: StationRecord, a: Availability, now: number): ProtocolStation {
  const d = station.details;
  return {
    id: station.id,
    name: station.name,
    lat: station.lat,
    lon: station.lon,
    address: d.address,
    city: d.city,
    country: d.country,
    time_zone: d.time_zone,
    operator: d.operator,
    opening_times: d.opening_times,
    open_now: isOpenAt(d.opening_times, d.time_zone, now),
    pack_standards: station.packStandards,
    bays: station.bays,
    bays_busy: a.baysBusy,
    queue_length: a.queueLength,
    wait_minutes: estimatedWaitMinutes(station.bays, a.baysBusy, a.queueLength, d.typical_swap_minutes),
    typical_swap_minutes: d.typical_swap_minutes,
    ready_packs: a.ready,
    charging_packs: a.charging,
    terms: d.terms,
    last_updated: iso(now),
  };
}
