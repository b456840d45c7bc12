// Embedded PGlite (Postgres in WebAssembly) on disk in the operator's data directory: one connection, transactions queued by PGlite itself.
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
 * Opens (creating on first use: initdb takes several seconds) the database in `dataDir/pglite`.
 * Every COMMIT is written through to the directory before the query returns, so a process killed
 * after answering keeps what it answered.
 */
export async function openPgliteDatabase(dataDir: string): Promise<Database> {
  const dir = join(dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const pg = await PGlite.create(dir, { relaxedDurability: false });
  const sql = wrap(pg);
  return {
    kind: 'pglite',
    where: dir,
    query: sql.query,
    exec: sql.exec,
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await withRollback((f) => pg.transaction((tx) => f(wrap(tx))), fn);
        } catch (error) {
          if (!isRetryable(error) || attempt >= TRANSACTION_ATTEMPTS) throw error;
        }
      }
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
}
