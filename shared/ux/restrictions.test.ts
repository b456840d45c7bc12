import { describe, expect, it } from 'vitest';
import { DEFAULT_UX_THRESHOLDS, evaluateRestrictions, RESTRICTIONS, UNKNOWN_RESTRICTIONS, type UxInputs } from './restrictions';
import { tightenThresholds } from './thresholds';
import { commandClass, commandRefusal } from './commandPolicy';

const P = 126;
const D = 127;
const fresh = <T>(value: T) => ({ value, fresh: true });
const stale = <T>(value: T) => ({ value, fresh: false });

describe('driving state truth table', () => {
  const cases: Array<[string, UxInputs, string, string]> = [
    ['P, 0 km/h', { gear: fresh(P), speed: fresh(0) }, 'parked', 'gearPark'],
    ['D, 0 km/h', { gear: fresh(D), speed: fresh(0) }, 'idling', 'stationary'],
    ['N, 0 km/h', { gear: fresh(0), speed: fresh(0) }, 'idling', 'stationary'],
    ['D, 0.5 km/h (noise)', { gear: fresh(D), speed: fresh(0.5) }, 'idling', 'stationary'],
    ['D, 90 km/h', { gear: fresh(D), speed: fresh(90) }, 'moving', 'speed'],
    ['R, 5 km/h', { gear: fresh(-1), speed: fresh(-5) }, 'moving', 'speed'],
    ['P but rolling at 8 km/h', { gear: fresh(P), speed: fresh(8) }, 'moving', 'speed'],
    ['D, 0 km/h, parking brake on', { gear: fresh(D), speed: fresh(0), parkingBrake: fresh(true) }, 'parked', 'parkingBrake'],
    ['D, 0 km/h, parking brake stale', { gear: fresh(D), speed: fresh(0), parkingBrake: stale(true) }, 'idling', 'stationary'],
    ['no speed', { gear: fresh(P), speed: undefined }, 'moving', 'unknownInputs'],
    ['speed NaN', { gear: fresh(P), speed: fresh(Number.NaN) }, 'moving', 'unknownInputs'],
    ['stale speed', { gear: fresh(P), speed: stale(0) }, 'moving', 'staleInputs'],
    ['no gear, stopped', { gear: undefined, speed: fresh(0) }, 'moving', 'unknownInputs'],
    ['stale P, stopped', { gear: stale(P), speed: fresh(0) }, 'moving', 'staleInputs'],
    ['nothing at all', { gear: undefined, speed: undefined }, 'moving', 'unknownInputs'],
  ];
  it.each(cases)('%s → %s (%s)', (_name, inputs, state, cause) => {
    const ux = evaluateRestrictions(inputs);
    expect(ux.drivingState).toBe(state);
    expect(ux.cause).toBe(cause);
    expect(ux.active).toEqual(RESTRICTIONS.filter((r) => DEFAULT_UX_THRESHOLDS.restrictedWhile[ux.drivingState].includes(r)));
  });

  it('fails closed before any data: every restriction active', () => {
    expect(UNKNOWN_RESTRICTIONS.drivingState).toBe('moving');
    expect(UNKNOWN_RESTRICTIONS.active).toEqual([...RESTRICTIONS]);
  });

  it('parked restricts nothing; moving restricts keyboard, setup, long text, video and limits lists and strings', () => {
    expect(evaluateRestrictions({ gear: fresh(P), speed: fresh(0) }).active).toEqual([]);
    expect(evaluateRestrictions({ gear: fresh(D), speed: fresh(50) }).active).toEqual([
      'noKeyboard', 'limitedLists', 'limitedStrings', 'noSetup', 'noLongText', 'noVideo',
    ]);
  });

  it('the speed threshold is configuration', () => {
    const strict = { ...DEFAULT_UX_THRESHOLDS, movingAboveKmh: 0 };
    expect(evaluateRestrictions({ gear: fresh(D), speed: fresh(0.5) }, strict).drivingState).toBe('moving');
  });
});

describe('brand thresholds only tighten', () => {
  it('accepts stricter values and more restrictions', () => {
    const result = tightenThresholds(DEFAULT_UX_THRESHOLDS, {
      movingAboveKmh: 0,
      maxListItems: 4,
      restrictedWhile: { idling: ['noVideo', 'noSetup', 'noKeyboard'] },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.movingAboveKmh).toBe(0);
    expect(result.value.maxListItems).toBe(4);
    expect(result.value.restrictedWhile.idling).toEqual(['noKeyboard', 'noSetup', 'noVideo']);
    expect(result.value.restrictedWhile.moving).toEqual(DEFAULT_UX_THRESHOLDS.restrictedWhile.moving);
  });

  it('refuses every loosening, naming each by path', () => {
    const result = tightenThresholds(DEFAULT_UX_THRESHOLDS, {
      movingAboveKmh: 5,
      maxStringChars: 400,
      restrictedWhile: { moving: ['noVideo'] },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(3);
    expect(result.problems[0]).toMatch(/^movingAboveKmh: 5 would loosen 1/);
    expect(result.problems[1]).toMatch(/^maxStringChars: 400 would loosen 120/);
    expect(result.problems[2]).toMatch(/^restrictedWhile\.moving: drops noKeyboard, limitedLists/);
  });
});

describe('command policy', () => {
  const moving = { drivingState: 'moving' as const, lightIntensity: 80 };
  const parked = { drivingState: 'parked' as const, lightIntensity: 80 };
  it('seat, steering column and mirrors are parked only; unknown actuators too', () => {
    for (const path of ['Vehicle.Cabin.Seat.Row1.DriverSide.Position', 'Vehicle.Cabin.Seat.Row1.DriverSide.Backrest.Recline', 'Vehicle.Body.Mirrors.DriverSide.Tilt', 'Vehicle.Chassis.SteeringWheel.Tilt', 'Vehicle.Something.New']) {
      expect(commandRefusal(path, 10, moving)).toBe('parkedOnly');
      expect(commandRefusal(path, 10, { ...moving, drivingState: 'idling' })).toBe('parkedOnly');
      expect(commandRefusal(path, 10, parked)).toBeNull();
    }
    expect(commandClass('Vehicle.Something.New')).toBe('parkedOnly');
  });
  it('seat heating is comfort, not position: allowed while moving (the seat itself stays parked only)', () => {
    expect(commandRefusal('Vehicle.Cabin.Seat.Row1.DriverSide.Heating', 60, moving)).toBeNull();
    expect(commandRefusal('Vehicle.Cabin.Seat.Row1.DriverSide.HeatingCooling', 60, moving)).toBeNull();
    expect(commandRefusal('Vehicle.Cabin.Seat.Row1.DriverSide.Height', 300, moving)).toBe('parkedOnly');
  });
  it('climate and drive mode are allowed while moving', () => {
    expect(commandRefusal('Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature', 22, moving)).toBeNull();
    expect(commandRefusal('Vehicle.Powertrain.Transmission.PerformanceMode', 'SPORT', moving)).toBeNull();
  });
  it('the low beam may not be switched off while moving in the dark, or when the light is unknown', () => {
    const low = 'Vehicle.Body.Lights.Beam.Low.IsOn';
    expect(commandRefusal(low, false, { drivingState: 'moving', lightIntensity: 5 })).toBe('lowBeamInDark');
    expect(commandRefusal(low, false, { drivingState: 'moving', lightIntensity: undefined })).toBe('lowBeamInDark');
    expect(commandRefusal(low, false, { drivingState: 'moving', lightIntensity: 90 })).toBeNull();
    expect(commandRefusal(low, true, { drivingState: 'moving', lightIntensity: 5 })).toBeNull();
    expect(commandRefusal(low, false, { drivingState: 'parked', lightIntensity: 5 })).toBeNull();
    expect(commandRefusal('Vehicle.Body.Lights.Beam.High.IsOn', false, { drivingState: 'moving', lightIntensity: 5 })).toBeNull();
  });
});
