// The vehicle definition schema: the shipped cabin-ev file is valid, broken ones name their JSON paths.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dcCurvePowerKw, parseVehicleDefinition } from './vehicleDefinition';

const shipped = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../assets/vehicles/cabin-ev/vehicle.json'), 'utf8'));

describe('parseVehicleDefinition', () => {
  it('accepts the reference EV', () => {
    const result = parseVehicleDefinition(shipped);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.definition.battery.swapStandard).toBe('GBT_40032');
    expect(result.definition.charging.dcInlet).toBe('GBT_DC');
  });

  it('names the JSON path of each problem', () => {
    const broken = structuredClone(shipped);
    broken.battery.usableKwh = -5;
    broken.charging.dcCurve[3].soc = 5;
    broken.charging.acInlet = 'SCHUKO';
    broken.consumption.turbo = true;
    const result = parseVehicleDefinition(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['battery.usableKwh', 'charging.dcCurve', 'charging.acInlet', 'consumption']));
    expect(result.issues.find((i) => i.path === 'charging.dcCurve')?.message).toContain('increase');
  });

  it('never throws on garbage', () => {
    for (const value of [null, 42, 'x', [], {}, { battery: [] }]) expect(parseVehicleDefinition(value).ok).toBe(false);
  });
});

describe('dcCurvePowerKw', () => {
  const curve = [
    { soc: 0, powerKw: 50 },
    { soc: 50, powerKw: 150 },
    { soc: 100, powerKw: 10 },
  ];
  it('interpolates linearly between points and holds the ends', () => {
    expect(dcCurvePowerKw(curve, 0)).toBe(50);
    expect(dcCurvePowerKw(curve, 25)).toBe(100);
    expect(dcCurvePowerKw(curve, 50)).toBe(150);
    expect(dcCurvePowerKw(curve, 75)).toBe(80);
    expect(dcCurvePowerKw(curve, 100)).toBe(10);
    expect(dcCurvePowerKw(curve, -3)).toBe(50);
    expect(dcCurvePowerKw(curve, 140)).toBe(10);
  });
});
