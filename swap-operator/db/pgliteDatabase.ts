// Embedded PGlite (Postgres in WebAssembly) on disk in the operator's data directory: one connection, its operations taken in turn with the event loop.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { TRANSACTION_ATTEMPTS, isRetryable, withRollback, type Database, type Sql } from './database';

function wrap(q: PGlite | Transaction): Sql {
  return {
    async query<R>(text: string, params: unknown[] = []) {
      const r = await q.query<R>(text, params);
      // affectedRows counts written rows only (0 for a SELECT); rows counts what came back.
      return { rows: r.rows, rowCount: Math.max(r.rows.length, r.affectedRows ?? 0) };
    },
    async exec(text: string) {
      await q.exec(text);
    },
  };
}

/**
 * PGlite runs Postgres synchronously in this thread and answers through promises only, so
 * operations queued on its connection would run back to back as one chain of microtasks: no
 * socket read, no timer, until the queue ran dry — whoever arrived meanwhile waited for all of
 * it. Operations therefore go one at a time, first come first served, with a turn of the event
 * loop between them. This schedules the one connection fairly; it decides nothing about bookings
 * (the database's constraints and row locks do).
 */
function createTurns(): <T>(op: () => Promise<T>) => Promise<T> {
  const waiting: (() => void)[] = [];
  let busy = false;
  const next = () => {
    const run = waiting.shift();
    if (run) run();
    else busy = false;
  };
  return (op) =>
    new Promise((resolve, reject) => {
      const run = () => {
        op()
          .then(resolve, reject)
          .finally(() => setImmediate(next));
      };
      if (busy) waiting.push(run);
      else {
        busy = true;
        run();
      }
    });
}

/**
 * Opens (creating on first use: initdb takes several seconds) the database in `dataDir/pglite`.
 * Every COMMIT is written through to the directory before the query returns, so a process killed
 * after answering keeps what it answered.
 */
export async function openPgliteDatabase(dataDir: string): Promise<Database> {
  const dir = join(dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const pg = await PGlite.create(dir, { relaxedDurability: false });
  const sql = wrap(pg);
  const turn = createTurns();
  return {
    kind: 'pglite',
    where: dir,
    query: (text, params) => turn(() => sql.query(text, params)),
    exec: (text) => turn(() => sql.exec(text)),
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await turn(() => withRollback((f) => pg.transaction((tx) => f(wrap(tx))), fn));
        } catch (error) {
          if (!isRetryable(error) || attempt >= TRANSACTION_ATTEMPTS) throw error;
        }
      }
    },
    async close() {
      if (!pg.closed) await turn(() => pg.close());
    },
  };
}
