// A throw-away PostgreSQL cluster for tests and benchmarks: Debian's initdb/pg_ctl in a temp dir on a free loopback port (as the postgres user when run as root).
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';

export interface PostgresBinaries {
  initdb: string;
  pgCtl: string;
}

/** initdb and pg_ctl from PATH, else Debian's newest /usr/lib/postgresql/N/bin; null when absent. */
export function findPostgresBinaries(): PostgresBinaries | null {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    dirs.push(...versions.map((v) => join(debian, v, 'bin')));
  }
  for (const dir of dirs) {
    const initdb = join(dir, 'initdb');
    const pgCtl = join(dir, 'pg_ctl');
    if (existsSync(initdb) && existsSync(pgCtl)) return { initdb, pgCtl };
  }
  return null;
}

/**
 * Why PostgreSQL tests cannot run here, or null when they can. CI installs PostgreSQL and sets
 * CABIN_REQUIRE_POSTGRES=1, so there a missing server fails loudly instead of skipping.
 */
export function postgresUnavailableReason(): string | null {
  if (findPostgresBinaries()) return null;
  const reason = 'PostgreSQL binaries (initdb, pg_ctl) not found: install Debian\'s "postgresql" package to run the PostgreSQL tests';
  if (process.env.CABIN_REQUIRE_POSTGRES === '1') throw new Error(`CABIN_REQUIRE_POSTGRES=1 but ${reason}`);
  return reason;
}

export interface ThrowawayPostgres {
  /** postgres://… for a database in this cluster (default "postgres"). */
  url(database?: string): string;
  createDatabase(name: string): Promise<string>;
  port: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** initdb refuses to run as root: as root, commands run as the postgres user. */
function runner(): { run(cmd: string, args: string[]): void; owner?: { uid: number; gid: number } } {
  if (process.getuid?.() !== 0) {
    return { run: (cmd, args) => void execFileSync(cmd, args, { stdio: 'pipe' }) };
  }
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return {
    owner: { uid, gid },
    run: (cmd, args) => {
      const r = spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' });
      if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr.toString().trim() || r.stdout.toString().trim()}`);
    },
  };
}

export async function startThrowawayPostgres(opts: { maxConnections?: number } = {}): Promise<ThrowawayPostgres> {
  const bin = findPostgresBinaries();
  if (!bin) throw new Error('PostgreSQL binaries (initdb, pg_ctl) not found');
  const as = runner();
  const dir = mkdtempSync(join(tmpdir(), 'cabin-pg-'));
  if (as.owner) chownSync(dir, as.owner.uid, as.owner.gid);
  const data = join(dir, 'data');
  try {
    as.run(bin.initdb, ['-D', data, '-U', 'cabin', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c max_connections=${opts.maxConnections ?? 300}`;
    try {
      as.run(bin.pgCtl, ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', options, 'start']);
      break;
    } catch (error) {
      // Someone took the port between our probe and the server's bind: try another.
      if (attempt >= 2) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
  const url = (database = 'postgres') => `postgres://cabin@127.0.0.1:${port}/${database}`;
  return {
    url,
    port,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop() {
      try {
        as.run(bin.pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
