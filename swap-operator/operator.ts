// Starts the reference swap operator: database (PGlite or PostgreSQL) migrated and seeded, background jobs, and the HTTP protocol server.
import { readFileSync } from 'node:fs';
import { SWAP_PROTOCOL_VERSION } from '../shared/swap/protocol';
import { formatStationsFileError, parseStationsFile, type StationEntry } from '../shared/swap/stationsFile';
import { createAuthenticator, type TokenEntry } from './auth';
import { lockDataDir } from './dataDirLock';
import type { Database } from './db/database';
import { migrate, SCHEMA_VERSION } from './db/migrations';
import { openPgliteDatabase } from './db/pgliteDatabase';
import { openPostgresDatabase } from './db/postgresDatabase';
import { createEventHub } from './http/eventStream';
import { createRoutes } from './http/routes';
import { startHttp, type HttpCounters } from './http/server';
import { startJobs, type JobCounts } from './jobs';
import { bookingJson, readBooking } from './store/bookingRows';
import { seedStations } from './store/stations';

export interface SwapOperatorOptions {
  host?: string;
  port: number;
  /** Embedded database directory (PGlite); unused with `databaseUrl`. */
  dataDir?: string;
  /** postgres://… : use this server instead of PGlite. */
  databaseUrl?: string;
  stations: StationEntry[];
  tokens: TokenEntry[];
  /** The stations' swap robots run in the operator (default); off when a station controller drives swaps. */
  autoSwap?: boolean;
  jobIntervalMs?: number;
  eventIntervalMs?: number;
  log?: (message: string) => void;
  now?: () => number;
}

export interface OperatorStats {
  http: HttpCounters;
  jobs: JobCounts;
  openStreams: number;
}

export interface RunningSwapOperator {
  url: string;
  port: number;
  database: { kind: Database['kind']; where: string };
  /** Milliseconds to open the database (PGlite's first open runs initdb). */
  openMs: number;
  stats(): OperatorStats;
  close(): Promise<void>;
}

/** A stations file that fails to read or validate; the message lists every problem, located. */
export class StationsFileError extends Error {}

export function readStationsFile(file: string): StationEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new StationsFileError(`${file}: cannot read the stations file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const result = parseStationsFile(text, file);
  if (!result.ok) throw new StationsFileError(result.errors.map(formatStationsFileError).join('\n'));
  return result.stations;
}

export async function startSwapOperator(opts: SwapOperatorOptions): Promise<RunningSwapOperator> {
  const log = opts.log ?? (() => {});
  const now = opts.now ?? Date.now;
  let unlock = () => {};
  const t0 = performance.now();
  let db: Database;
  if (opts.databaseUrl) {
    db = await openPostgresDatabase(opts.databaseUrl);
  } else {
    if (!opts.dataDir) throw new Error('a data directory is needed for the embedded database');
    unlock = lockDataDir(opts.dataDir);
    try {
      db = await openPgliteDatabase(opts.dataDir);
    } catch (error) {
      unlock();
      throw error;
    }
  }
  const openMs = performance.now() - t0;
  try {
    const applied = await migrate(db);
    if (applied.length) log(`schema migrated to version ${SCHEMA_VERSION} (applied ${applied.join(', ')})`);
    const seeded = await seedStations(db, opts.stations, now());
    if (seeded.seededPacks) log(`seeded ${seeded.seededPacks} packs at ${seeded.added} new stations`);
  } catch (error) {
    await db.close();
    unlock();
    throw error;
  }

  const report = (what: string) => (error: unknown) => log(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  const jobs = startJobs(db, { intervalMs: opts.jobIntervalMs ?? 500, autoSwap: opts.autoSwap ?? true, now, onError: report('background jobs') });
  const events = createEventHub({
    sql: db,
    intervalMs: opts.eventIntervalMs ?? 250,
    readBooking: async (id) => {
      const row = await readBooking(db, id);
      return row ? bookingJson(row, now()) : null;
    },
    onError: report('event stream poll'),
  });
  let http: Awaited<ReturnType<typeof startHttp>>;
  const stats = (): OperatorStats => ({ http: http.counters(), jobs: jobs.totals(), openStreams: events.size() });
  try {
    http = await startHttp({
      host: opts.host ?? '127.0.0.1',
      port: opts.port,
      authenticate: createAuthenticator(opts.tokens),
      routes: createRoutes({
        db,
        events,
        diagnostics: () => ({ protocol: SWAP_PROTOCOL_VERSION, schema_version: SCHEMA_VERSION, database: db.kind, ...stats() }),
      }),
      now,
      log,
    });
  } catch (error) {
    events.close();
    await jobs.stop();
    await db.close();
    unlock();
    throw error;
  }

  return {
    url: http.url,
    port: http.port,
    database: { kind: db.kind, where: db.where },
    openMs,
    stats,
    async close() {
      events.close();
      await http.close();
      await jobs.stop();
      await db.close();
      unlock();
    },
  };
}
