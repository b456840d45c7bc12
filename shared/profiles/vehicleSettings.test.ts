import { describe, expect, it } from 'vitest';
import { newProfile } from './profileSchema';
import { capturePositions, profileTargets, readBackReached, writableSettings } from './vehicleSettings';

const CABIN_EV_WRITES = [
  'Vehicle.Cabin.Seat.Row1.DriverSide.Position',
  'Vehicle.Cabin.Seat.Row1.DriverSide.Height',
  'Vehicle.Cabin.Seat.Row1.DriverSide.Backrest.Recline',
  'Vehicle.Body.Mirrors.DriverSide.Tilt',
  'Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature',
  'Vehicle.Powertrain.Transmission.PerformanceMode',
];

describe("a profile's car settings", () => {
  it('targets only what the profile sets, in the car signal terms (seat heating level → %)', () => {
    const profile = { ...newProfile('pli0001', 'Li', 'teal', 0), seat: { position: 200, height: null, recline: 25, lumbar: null } };
    profile.climate = { temperature: 22, fan: null, seatHeating: 2 };
    expect(profileTargets(profile)).toEqual([
      { id: 'seat.position', path: 'Vehicle.Cabin.Seat.Row1.DriverSide.Position', group: 'seat', value: 200 },
      { id: 'seat.recline', path: 'Vehicle.Cabin.Seat.Row1.DriverSide.Backrest.Recline', group: 'seat', value: 25 },
      { id: 'climate.temperature', path: 'Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature', group: 'climate', value: 22 },
      { id: 'climate.seatHeating', path: 'Vehicle.Cabin.Seat.Row1.DriverSide.Heating', group: 'climate', value: 67 },
    ]);
  });

  it('a read-back within the tolerance counts as reached; enums compare by name', () => {
    expect(readBackReached('seat.position', 199, 200)).toBe(true);
    expect(readBackReached('seat.position', 196, 200)).toBe(false);
    expect(readBackReached('climate.temperature', 22.5, 22)).toBe(true);
    expect(readBackReached('drive.mode', 'economy', 'ECONOMY')).toBe(true);
    expect(readBackReached('seat.position', '200', 200)).toBe(false);
  });

  it('knows which settings a car can write from its mapping', () => {
    expect(writableSettings(CABIN_EV_WRITES)).toEqual(['seat.position', 'seat.height', 'seat.recline', 'mirrors.driver.tilt', 'climate.temperature', 'drive.mode']);
    expect(writableSettings([])).toEqual([]);
  });

  it('saves the current positions from fresh read-backs, rounded and kept in range; stale and missing ones keep the profile', () => {
    const profile = { ...newProfile('pli0001', 'Li', 'teal', 0), seat: { position: 100, height: 20, recline: null, lumbar: 40 } };
    const sample = (value: number, fresh = true) => ({ value, seenAt: fresh ? 1 : 0, staleAfterMs: 1000 });
    const { positions, captured } = capturePositions(
      profile,
      {
        'Vehicle.Cabin.Seat.Row1.DriverSide.Position': sample(183.4),
        'Vehicle.Cabin.Seat.Row1.DriverSide.Height': sample(44, false),
        'Vehicle.Cabin.Seat.Row1.DriverSide.Backrest.Recline': sample(71),
        'Vehicle.Body.Mirrors.PassengerSide.Pan': sample(-12),
      },
      (s) => s.seenAt === 1,
    );
    expect(captured).toEqual(['seat.position', 'seat.recline', 'mirrors.passenger.pan']);
    expect(positions.seat).toEqual({ position: 183, height: 20, recline: 60, lumbar: 40 });
    expect(positions.mirrors.passenger).toEqual({ tilt: null, pan: -12 });
    expect(profile.seat.position).toBe(100); // the profile itself is untouched
  });
});
