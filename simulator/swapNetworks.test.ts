// The simulated swap networks' definitions: valid stations files, different pack standards per network, stations along the routes, and one where swap-visit's car stops.
import { describe, expect, it } from 'vitest';
import { stationAcceptsCar } from '../shared/swap/packStandards';
import { parseStationsFile } from '../shared/swap/stationsFile';
import { loadRoute, loadScenario, loadVehicleDefinition } from './assets';
import { runHeadless } from './headless';
import { emptyPosition, haversineM } from './route';
import { SWAP_VISIT_STOP, simulatedSwapNetworks } from './swapNetworks';

const networks = simulatedSwapNetworks();
const distanceM = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) => haversineM(a.lat, a.lon, b.lat, b.lon);

describe('simulated swap networks', () => {
  it('are two networks whose stations files the operator accepts', () => {
    expect(networks.map((n) => n.id)).toEqual(['voltswap', 'novapower']);
    for (const n of networks) {
      const parsed = parseStationsFile(JSON.stringify(n.stations), `${n.id}.json`);
      expect(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors)).toBe(true);
      for (const s of n.stations) expect(s.pack_standards).toEqual(n.packStandards);
    }
    const ids = networks.flatMap((n) => n.stations.map((s) => s.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('run different pack standards: the reference EV fits VoltSwap, never NovaPower', () => {
    const ev = loadVehicleDefinition('cabin-ev').battery;
    const car = { swapStandard: ev.swapStandard, usableKwh: ev.usableKwh };
    expect(networks[0].stations.every((s) => stationAcceptsCar(s.pack_standards, car))).toBe(true);
    expect(networks[1].stations.some((s) => stationAcceptsCar(s.pack_standards, car))).toBe(false);
    expect(networks[0].packStandards.filter((s) => networks[1].packStandards.includes(s))).toEqual([]);
  });

  it('put every station beside a simulated route (within 200 m of it)', () => {
    const routes = ['shanghai-pudong-airport', 'guangzhou-tianhe-zhujiang', 'oslo-e18-sandvika'].map(loadRoute);
    for (const s of networks.flatMap((n) => n.stations)) {
      let nearest = Infinity;
      for (const r of routes) {
        for (let d = 0; d <= r.lengthM; d += 25) nearest = Math.min(nearest, distanceM(s, r.positionAt(d, emptyPosition())));
      }
      expect(nearest, s.id).toBeLessThan(200);
    }
  });

  it('have a station where the swap-visit scenario’s car stops for its swap', () => {
    const loaded = loadScenario('swap-visit');
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
    const end = runHeadless(loaded.scenario, { untilS: 300 });
    const stop = { lat: Number(end.signals['Vehicle.CurrentLocation.Latitude']), lon: Number(end.signals['Vehicle.CurrentLocation.Longitude']) };
    expect(distanceM(stop, SWAP_VISIT_STOP)).toBeLessThan(5);
    const century = networks[0].stations.find((s) => s.id === 'vs-sh-century-ave')!;
    expect(distanceM(stop, century)).toBeLessThan(50);
  });
});
