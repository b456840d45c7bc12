// A PostgreSQL server by URL (several operator processes may share it): a connection pool, one connection per transaction.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { TRANSACTION_ATTEMPTS, isRetryable, withRollback, type Database, type Sql } from './database';

/**
 * Statements with parameters are prepared once per connection under a name derived from their
 * text (the operator's statements are a small fixed set), so the server plans each once.
 */
const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `swap_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

function wrap(q: pg.Pool | pg.PoolClient): Sql {
  return {
    async query<R>(text: string, params: unknown[] = []) {
      const r = params.length ? await q.query({ name: statementName(text), text, values: params }) : await q.query(text);
      return { rows: r.rows as R[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(text: string) {
      // Without parameters pg uses the simple protocol, which runs several statements.
      await q.query(text);
    },
  };
}

/** The URL without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

export async function openPostgresDatabase(url: string, { poolSize = 16 }: { poolSize?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  // An idle connection the server drops must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  // Fail at start, with the server's message, rather than at the first request.
  const probe = await pool.connect();
  probe.release();
  const sql = wrap(pool);
  return {
    kind: 'postgres',
    where: redactUrl(url),
    query: sql.query,
    exec: sql.exec,
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        let broken: Error | undefined;
        try {
          return await withRollback(async (f) => {
            await client.query('BEGIN');
            try {
              const result = await f(wrap(client));
              await client.query('COMMIT');
              return result;
            } catch (error) {
              await client.query('ROLLBACK').catch((e: Error) => (broken = e));
              throw error;
            }
          }, fn);
        } catch (error) {
          if (!isRetryable(error) || attempt >= TRANSACTION_ATTEMPTS) throw error;
        } finally {
          // A connection whose ROLLBACK failed is in an unknown state: drop it from the pool.
          client.release(broken);
        }
      }
    },
    async close() {
      await pool.end();
    },
  };
}
