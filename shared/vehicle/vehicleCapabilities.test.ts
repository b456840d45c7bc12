import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vehicleCapabilities } from './vehicleCapabilities';

const vehicleJson = (id: string): unknown => JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'assets', 'vehicles', id, 'vehicle.json'), 'utf8'));

describe('vehicle capabilities from vehicle.json', () => {
  it('the simulated EV has a traction battery, charges and swaps', () => {
    expect(vehicleCapabilities(vehicleJson('cabin-ev'))).toEqual({ tractionBattery: true, charging: true, swap: true });
  });

  it('the 2015 Hyundai (combustion) does none of it', () => {
    expect(vehicleCapabilities(vehicleJson('hyundai-2015'))).toEqual({ tractionBattery: false, charging: false, swap: false });
  });

  it('an EV whose pack follows no swap standard charges but does not swap', () => {
    const ev = vehicleJson('cabin-ev') as { battery: Record<string, unknown> };
    expect(vehicleCapabilities({ ...ev, battery: { ...ev.battery, swapStandard: 'NONE' } })).toEqual({ tractionBattery: true, charging: true, swap: false });
  });

  it('an unreadable definition offers nothing it cannot vouch for', () => {
    expect(vehicleCapabilities(null)).toEqual({ tractionBattery: false, charging: false, swap: false });
    expect(vehicleCapabilities({ id: 'x', tractionBattery: true })).toEqual({ tractionBattery: true, charging: true, swap: false });
  });
});
