// The vehicle's signal and write tables: every module reports, every path the mapping writes has a writer, no path is owned twice.
import { describe, expect, it } from 'vitest';
import { vssSignal } from '../../shared/vehicle/catalog';
import { loadSimVehicle } from '../source/simVehicleAssets';
import { SimVehicle } from './simVehicle';
import { writeTable, type VehicleModule } from './signalTable';

const { definition, mapping } = loadSimVehicle('cabin-ev');
/** Writable in the mapping but not modelled yet: the simulated flap follows the charging cable. */
const NOT_MODELLED = ['Vehicle.Powertrain.TractionBattery.Charging.ChargingPort.AnyPosition.IsFlapOpen'];

describe('write table', () => {
  it('has a writer for every actuator the cabin-ev mapping sends (but the charge flap)', () => {
    const writable = [...mapping.vss2dbc.values()].filter((rule) => mapping.writable.has(rule.message.name)).map((rule) => rule.path);
    expect(writable).toEqual(expect.arrayContaining(NOT_MODELLED));
    expect(writable.length).toBeGreaterThan(10);
    for (const path of writable.filter((p) => !NOT_MODELLED.includes(p))) {
      const v = new SimVehicle(definition);
      const now = v.signals()[path];
      expect(now, `${path} is reported`).toBeDefined();
      // Writing the value it has is always allowed; a refusal could only mean the path has no writer.
      expect(v.command({ path, target: now }), path).toEqual({ ok: true });
    }
    for (const path of NOT_MODELLED) {
      const v = new SimVehicle(definition);
      expect(v.command({ path, target: v.signals()[path] })).toEqual({ ok: false, error: `${path} is not writable on the simulated vehicle` });
    }
  });

  it('refuses a path two modules claim', () => {
    const a: VehicleModule = { signals: () => undefined, writers: { 'Vehicle.Speed': () => ({ ok: true }) } };
    expect(() => writeTable([a, a])).toThrow('Vehicle.Speed is written by two vehicle modules');
  });
});

describe('signal table', () => {
  it('reports only catalog paths, each writable one an actuator', () => {
    const v = new SimVehicle(definition);
    const signals = v.signals();
    expect(Object.keys(signals).length).toBeGreaterThan(50);
    for (const path of Object.keys(signals)) expect(vssSignal(path), path).toBeDefined();
    for (const path of Object.keys(v.targets())) expect(vssSignal(path)?.kind, path).toBe('actuator');
  });
});
