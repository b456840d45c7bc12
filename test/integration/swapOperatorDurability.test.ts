// The operator under contention and violence, on PGlite: 200 cars racing for 3 packs, kill -9 mid-booking and restart, one process per data dir — then the database itself is audited.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteDatabase } from '../../swap-operator/db/pgliteDatabase';
import { auditBookings } from '../../swap-operator/testing/audit';
import { protocolClient, runOperatorToExit, spawnOperator, writeStationsFile, type ApiResponse, type OperatorProcess } from '../../swap-operator/testing/operatorProcess';
import { until } from '../fixtures/until';

const TOKEN = 'swap-durability-token-0123456789';
const tmp = mkdtempSync(join(tmpdir(), 'cabin-swap-dur-'));
const data = join(tmp, 'data');
const stationsFile = writeStationsFile(tmp, [
  { id: 'last', name: 'Last packs', lat: 31.23, lon: 121.52, pack_standards: ['GBT_40032'], bays: 2, ready_packs: { GBT_40032: 3 } },
  { id: 'durable', name: 'Durable', lat: 31.24, lon: 121.53, pack_standards: ['GBT_40032'], bays: 4, ready_packs: { GBT_40032: 60 } },
]);
const args = ['--port', '0', '--data', data, '--stations', stationsFile];
/** What each client was last told, for the final audit against the database. */
const acknowledged = new Map<string, 'CONFIRMED' | 'CANCELLED'>();
let op: OperatorProcess;

beforeAll(async () => {
  op = await spawnOperator(args, { token: TOKEN });
}, 120_000);

afterAll(async () => {
  await op?.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

describe('swap-operator durability on PGlite', () => {
  it('200 cars booking the last 3 packs at once: exactly 3 CONFIRMED, 197 NO_PACK_AVAILABLE', async () => {
    const api = protocolClient(op.url, TOKEN);
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => api.book(`race-${i}`, { station_id: 'last', pack_standard: 'GBT_40032', vehicle_id: `car-${i}` })),
    );
    const confirmed = answers.filter((a) => a.status === 201);
    expect(confirmed).toHaveLength(3);
    expect(confirmed.every((a) => a.body.status === 'CONFIRMED')).toBe(true);
    const refused = answers.filter((a) => a.status === 409);
    expect(refused).toHaveLength(197);
    expect(refused.every((a) => a.body.error?.code === 'NO_PACK_AVAILABLE')).toBe(true);
    expect(new Set(confirmed.map((a) => a.body.id)).size).toBe(3);
    for (const a of confirmed) acknowledged.set(String(a.body.id), 'CONFIRMED');
    expect((await api.station('last')).body.ready_packs).toEqual({ GBT_40032: 0 });
  }, 60_000);

  it('kill -9 while bookings are in flight loses none that were acknowledged; the restart takes over the data dir', async () => {
    const api = protocolClient(op.url, TOKEN);
    const acked: string[] = [];
    const inFlight = Array.from({ length: 60 }, (_, i) =>
      api.book(`kill-${i}`, { station_id: 'durable', pack_standard: 'GBT_40032', vehicle_id: `kill-car-${i}` }).then(
        (a: ApiResponse) => {
          if (a.status === 201) acked.push(String(a.body.id));
        },
        () => undefined, // the connection died with the process: not acknowledged
      ),
    );
    await until(() => acked.length >= 10, 'ten acknowledged bookings', 30_000);
    expect(await op.kill('SIGKILL')).toBe('SIGKILL');
    await Promise.all(inFlight);
    const ackedAtKill = [...acked];
    expect(ackedAtKill.length).toBeGreaterThanOrEqual(10);

    op = await spawnOperator(args, { token: TOKEN });
    const after = protocolClient(op.url, TOKEN);
    for (const id of ackedAtKill) {
      expect((await after.get(id)).body, id).toMatchObject({ id, status: 'CONFIRMED' });
      acknowledged.set(id, 'CONFIRMED');
    }
    // Whatever committed without an answer is a real booking too: the shelf agrees with the bookings.
    const retried = await Promise.all(Array.from({ length: 60 }, (_, i) => after.book(`kill-${i}`, { station_id: 'durable', pack_standard: 'GBT_40032', vehicle_id: `kill-car-${i}` })));
    expect(retried.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    for (const r of retried) acknowledged.set(String(r.body.id), 'CONFIRMED');
    // Acknowledged before the kill → replayed now, never made twice.
    for (const id of ackedAtKill) expect(retried.filter((r) => r.body.id === id).map((r) => r.status)).toEqual([200]);
    expect((await after.station('durable')).body.ready_packs).toEqual({ GBT_40032: 0 });
  }, 120_000);

  it('refuses a second process on the same data dir while the first runs', async () => {
    const second = await runOperatorToExit(args, { CABIN_OPERATOR_TOKEN: TOKEN });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/is in use by operator process \d+; to run several operators on one database, give each --database postgres:\/\//);
    expect((await protocolClient(op.url, TOKEN).station('last')).status).toBe(200);
  }, 60_000);

  it('the database itself: no pack held twice, holds consistent both ways, every acknowledged booking present', async () => {
    expect(await op.kill('SIGTERM')).toBe(0);
    const db = await openPgliteDatabase(data);
    try {
      const audit = await auditBookings(db, acknowledged);
      expect(audit).toMatchObject({ doubleBooked: 0, inconsistentHolds: 0, lost: [] });
      expect(audit.liveBookings).toBe(63);
      const live = await db.query<{ station_id: string; n: number }>(`SELECT station_id, count(*)::int AS n FROM swap_bookings WHERE status = 'CONFIRMED' GROUP BY station_id ORDER BY station_id`);
      expect(live.rows).toEqual([
        { station_id: 'durable', n: 60 },
        { station_id: 'last', n: 3 },
      ]);
    } finally {
      await db.close();
    }
  }, 60_000);
});
