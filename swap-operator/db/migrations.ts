// The operator's schema as numbered migrations, applied once under an advisory lock so several processes can start on one database together.
import type { Database } from './database';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const HOLDING = `('CONFIRMED','ARRIVED','SWAPPING')`;

/**
 * Append only: a released migration is never edited. The constraints here, not the code, are what
 * make double bookings impossible: a pack is held by at most one live booking
 * (swap_bookings_one_holder_per_pack), a booking holds at most one pack (swap_packs.booking_id
 * UNIQUE), and a bay serves one swap at a time (swap_bookings_one_per_bay).
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'stations, packs, bookings, events, no-shows',
    sql: `
CREATE TABLE swap_stations (
  id text PRIMARY KEY,
  name text NOT NULL,
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  pack_standards text[] NOT NULL,
  bays integer NOT NULL CHECK (bays >= 1),
  details jsonb NOT NULL,
  retired boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL
);

CREATE SEQUENCE swap_pack_serial START WITH 30000001;

CREATE TABLE swap_packs (
  id bigint PRIMARY KEY DEFAULT nextval('swap_pack_serial'),
  standard text NOT NULL,
  station_id text REFERENCES swap_stations (id),
  state text NOT NULL CHECK (state IN ('READY', 'CHARGING', 'INSTALLED')),
  soc_percent real NOT NULL CHECK (soc_percent BETWEEN 0 AND 100),
  ready_at timestamptz,
  booking_id text UNIQUE,
  updated_at timestamptz NOT NULL,
  CHECK ((state = 'INSTALLED') = (station_id IS NULL)),
  CHECK ((state = 'CHARGING') = (ready_at IS NOT NULL)),
  CHECK (booking_id IS NULL OR state = 'READY')
);
-- Which (station, standard) pairs got their initial packs, so a restart never seeds them again.
CREATE TABLE swap_seeded (
  station_id text NOT NULL REFERENCES swap_stations (id),
  standard text NOT NULL,
  seeded_at timestamptz NOT NULL,
  PRIMARY KEY (station_id, standard)
);
CREATE INDEX swap_packs_free ON swap_packs (station_id, standard) WHERE state = 'READY' AND booking_id IS NULL;
CREATE INDEX swap_packs_charging ON swap_packs (ready_at) WHERE state = 'CHARGING';

CREATE TABLE swap_bookings (
  id text PRIMARY KEY,
  client_id text NOT NULL,
  idempotency_key text NOT NULL,
  request_hash text NOT NULL,
  station_id text NOT NULL REFERENCES swap_stations (id),
  pack_standard text NOT NULL,
  vehicle_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('REQUESTED','CONFIRMED','ARRIVED','SWAPPING','COMPLETED','CANCELLED','EXPIRED','REJECTED','FAILED')),
  pack_id bigint REFERENCES swap_packs (id),
  walk_in boolean NOT NULL DEFAULT false,
  terms jsonb NOT NULL,
  pack_kwh real NOT NULL,
  price_estimate_minor integer NOT NULL,
  charge_minor integer NOT NULL DEFAULT 0,
  charge_reason text CHECK (charge_reason IN ('SWAP', 'LATE_CANCELLATION', 'NO_SHOW')),
  no_show boolean NOT NULL DEFAULT false,
  status_reason text,
  arrival_soc_percent real,
  returned_pack_id bigint,
  returned_pack_soc_percent real,
  new_pack_soc_percent real,
  bay integer,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  arrival_at timestamptz NOT NULL,
  cancel_until timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  arrived_at timestamptz,
  swap_started_at timestamptz,
  swap_ends_at timestamptz,
  completed_at timestamptz,
  ended_at timestamptz,
  UNIQUE (client_id, idempotency_key),
  CHECK (status NOT IN ${HOLDING} OR pack_id IS NOT NULL),
  CHECK (status <> 'SWAPPING' OR bay IS NOT NULL)
);
CREATE UNIQUE INDEX swap_bookings_one_holder_per_pack ON swap_bookings (pack_id) WHERE status IN ${HOLDING};
CREATE UNIQUE INDEX swap_bookings_one_per_bay ON swap_bookings (station_id, bay) WHERE status = 'SWAPPING';
CREATE INDEX swap_bookings_expiring ON swap_bookings (expires_at) WHERE status = 'CONFIRMED';
CREATE INDEX swap_bookings_at_station ON swap_bookings (station_id, status, arrived_at) WHERE status IN ${HOLDING};

CREATE TABLE swap_booking_events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  booking_id text NOT NULL REFERENCES swap_bookings (id),
  status text NOT NULL,
  reason text,
  at timestamptz NOT NULL
);
CREATE INDEX swap_booking_events_by_booking ON swap_booking_events (booking_id, seq);

CREATE TABLE swap_no_shows (
  booking_id text PRIMARY KEY REFERENCES swap_bookings (id),
  client_id text NOT NULL,
  vehicle_id text NOT NULL,
  station_id text NOT NULL,
  fee_minor integer NOT NULL,
  currency text NOT NULL,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX swap_no_shows_by_vehicle ON swap_no_shows (client_id, vehicle_id);
`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Any number; all operator processes agree on it, and nothing else in a shared database should use it. */
const MIGRATION_LOCK = 74_320_011;

export class SchemaTooNewError extends Error {}

/** Brings the schema up to date in one transaction; returns the versions it applied. */
export async function migrate(db: Database): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS swap_schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM swap_schema_migrations');
    const done = new Set(rows.map((r) => Number(r.version)));
    const newest = Math.max(0, ...done);
    if (newest > SCHEMA_VERSION) {
      throw new SchemaTooNewError(`the database has swap schema version ${newest}, newer than this operator's ${SCHEMA_VERSION}: run a newer operator`);
    }
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO swap_schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
