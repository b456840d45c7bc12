// The simulated swap networks as the simulation starts them: two real operator processes on loopback with different pack standards, walk-in traffic moving their queues and packs, all stopped by stop().
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stationListSchema } from '../../shared/swap/protocol';
import { protocolClient, readUntil } from '../../swap-operator/testing/operatorProcess';
import { startSwapNetworks, type SwapNetworks } from '../../simulator/swapNetworks';
import { until } from '../fixtures/until';

const tmp = mkdtempSync(join(tmpdir(), 'cabin-swap-nets-'));
let nets: SwapNetworks;
const logs: string[] = [];

beforeAll(async () => {
  // Walk-ins every ~150 ms, so the traffic shows within the test.
  nets = await startSwapNetworks({ dataDir: tmp, walkInEveryMs: 150, log: (m) => logs.push(m) });
}, 180_000);

afterAll(async () => {
  await nets?.stop();
  rmSync(tmp, { recursive: true, force: true });
}, 30_000);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('simulated swap networks', () => {
  it('run two operators on loopback, each listing only its own stations and standards', async () => {
    const [volt, nova] = nets.networks;
    expect([volt.id, nova.id]).toEqual(['voltswap', 'novapower']);
    expect(new URL(volt.url).hostname).toBe('127.0.0.1');
    expect(volt.url).not.toBe(nova.url);
    for (const n of nets.networks) {
      const list = stationListSchema.parse((await protocolClient(n.url, n.token).request('GET', '/swap/v1/stations')).body);
      expect(list.stations.map((s) => s.id)).toEqual([...n.stationIds].sort());
      expect(new Set(list.stations.flatMap((s) => s.pack_standards))).toEqual(new Set(n.packStandards));
    }
    expect(logs.some((l) => /^voltswap: swap-operator: listening on http:\/\/127\.0\.0\.1:\d+/.test(l))).toBe(true);
  });

  it('book the reference EV’s pack at VoltSwap and refuse it at NovaPower', async () => {
    const [volt, nova] = nets.networks;
    const body = { station_id: 'vs-sh-century-ave', pack_standard: 'GBT_40032', vehicle_id: 'cabin-ev-1', eta_minutes: 10 };
    expect((await protocolClient(volt.url, volt.token).book('nets-1', body)).body).toMatchObject({ status: 'CONFIRMED' });
    const refused = await protocolClient(nova.url, nova.token).book('nets-2', { ...body, station_id: 'np-sh-lujiazui' });
    expect(refused).toMatchObject({ status: 422, body: { error: { code: 'INCOMPATIBLE_PACK_STANDARD' } } });
    // The car's token is a client's: it cannot report walk-ins as a station would.
    const asStation = await protocolClient(volt.url, volt.token).request('POST', '/swap/v1/stations/vs-sh-zhangjiang/walk-ins', { pack_standard: 'GBT_40032' });
    expect(asStation).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
  });

  it('move queues and packs over time with walk-in traffic', async () => {
    await until(() => nets.traffic().walkIns >= 6, 'six walk-ins', 60_000);
    // Walk-ins take packs off the shelves and queue for bays, on both networks.
    for (const n of nets.networks) {
      const client = protocolClient(n.url, n.token);
      await readUntil(
        async () => stationListSchema.parse((await client.request('GET', '/swap/v1/stations')).body).stations,
        (stations) => stations.some((s) => s.bays_busy + s.queue_length > 0 || Object.values(s.charging_packs).some((c) => c > 0)),
        `${n.id} stations to show swaps under way`,
        60_000,
      );
    }
    expect(nets.traffic().failed).toBe(0);
  }, 90_000);

  it('stop every process it started', async () => {
    const pids = nets.networks.map((n) => n.pid);
    expect(pids.every(alive)).toBe(true);
    await nets.stop();
    expect(pids.some(alive)).toBe(false);
    expect(logs.filter((l) => /swap-operator: stopped:/.test(l))).toHaveLength(2);
  }, 30_000);
});
