// One small SQL interface over embedded PGlite and a PostgreSQL server, so the store, migrations and jobs are written once.

export interface SqlResult<R> {
  rows: R[];
  /** Rows inserted, updated or deleted (or returned, for a SELECT). */
  rowCount: number;
}

export interface Sql {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<SqlResult<R>>;
  /** Several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface Database extends Sql {
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for logs: a directory or a URL without its password. */
  where: string;
  /**
   * Runs `fn` in one READ COMMITTED transaction: committed when `fn` resolves, rolled back when it
   * throws. A deadlock or serialization failure runs `fn` again (a few times), so `fn` must do
   * nothing outside the database that cannot be repeated.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** SQLSTATEs worth a retry of the whole transaction. */
const RETRYABLE = new Set(['40001', '40P01']);
export const TRANSACTION_ATTEMPTS = 5;

export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isRetryable(error: unknown): boolean {
  const code = sqlState(error);
  return code !== undefined && RETRYABLE.has(code);
}

/** The database cannot be reached (server down, connection lost, shutting down): a 503, not a 500. */
export function isUnavailable(error: unknown): boolean {
  const code = sqlState(error);
  if (code === undefined) return /Connection terminated|connect ECONNREFUSED|Client has encountered a connection error|PGlite is closed/i.test(String((error as Error)?.message ?? error));
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004', '53300'].includes(code);
}

/** A thrown value that rolls the transaction back and comes out of `transaction` as its result. */
export class Rollback<T> {
  constructor(readonly value: T) {}
}

/** Runs a transaction body, turning a Rollback into a value after the rollback happened. */
export async function withRollback<T>(run: (fn: (tx: Sql) => Promise<T>) => Promise<T>, fn: (tx: Sql) => Promise<T>): Promise<T> {
  try {
    return await run(fn);
  } catch (error) {
    if (error instanceof Rollback) return error.value as T;
    throw error;
  }
}
