// The control panel's pure pieces: simulated-time text, local validation and inspector formatting.
import { describe, expect, it } from 'vitest';
import { vssSignal } from '../../../shared/vehicle/catalog';
import { filterPaths } from './selectInspectorPaths';
import { formatAgeSeconds, formatSignalValue } from './signalFormat';
import { formatSimTime } from './simTime';
import { faultProblem, overrideProblem, parseNumber } from './validation';

describe('simulated time', () => {
  it('formats mm:ss, and h:mm:ss past an hour', () => {
    expect(formatSimTime(0)).toBe('00:00');
    expect(formatSimTime(59.9)).toBe('00:59');
    expect(formatSimTime(1200)).toBe('20:00');
    expect(formatSimTime(3723)).toBe('1:02:03');
    expect(formatSimTime(-5)).toBe('00:00');
    expect(formatSimTime(Number.NaN)).toBe('00:00');
  });
});

describe('validation before sending', () => {
  it('blank is not zero', () => {
    expect(parseNumber('')).toBeNaN();
    expect(parseNumber('  ')).toBeNaN();
    expect(parseNumber('12.5')).toBe(12.5);
  });

  it('names the range an override broke', () => {
    expect(overrideProblem({ soc: 140 })).toEqual({ key: 'socRange', params: { min: 0, max: 100 } });
    expect(overrideProblem({ speed: -1 })).toEqual({ key: 'speedRange', params: { min: 0, max: 250 } });
    expect(overrideProblem({ speed: Number.NaN })?.key).toBe('speedRange');
    expect(overrideProblem({ location: { lat: 91, lon: 0 } })?.key).toBe('latitudeRange');
    expect(overrideProblem({ location: { lat: 0, lon: -181 } })?.key).toBe('longitudeRange');
    expect(overrideProblem({ driver: { id: 'x'.repeat(33) } })?.key).toBe('keyFob');
    expect(overrideProblem({ driver: { id: '   ' } })?.key).toBe('keyFob');
    expect(overrideProblem({ soc: 100 })).toBeNull();
    expect(overrideProblem({ gear: 'N' })).toBeNull();
    // Two keys at once is not one override.
    expect(overrideProblem({ soc: 10, gear: 'N' } as never)?.key).toBe('invalid');
  });

  it('asks for a choice before a stuck signal or bus-off, and checks fault ranges', () => {
    expect(faultProblem({ action: 'inject', fault: { kind: 'stuck-signal', signal: '' } })?.key).toBe('choosePath');
    expect(faultProblem({ action: 'inject', fault: { kind: 'bus-off', bus: '' } })?.key).toBe('chooseBus');
    expect(faultProblem({ action: 'clear', kind: 'bus-off' })).toBeNull();
    expect(faultProblem({ action: 'inject', fault: { kind: 'frame-loss', percent: 101 } })).toEqual({ key: 'frameLossRange', params: { min: 0, max: 100 } });
    expect(faultProblem({ action: 'inject', fault: { kind: 'garbage', framesPerSecond: 0 } })?.key).toBe('garbageRange');
    expect(faultProblem({ action: 'inject', fault: { kind: 'garbage', framesPerSecond: 10 } })).toBeNull();
  });
});

describe('inspector formatting', () => {
  it('shows booleans and strings as they are, numbers with digits that suit them', () => {
    expect(formatSignalValue(true, undefined, 'en')).toBe('true');
    expect(formatSignalValue('SPORT', undefined, 'en')).toBe('SPORT');
    expect(formatSignalValue(126, vssSignal('Vehicle.Powertrain.Transmission.SelectedGear'), 'en')).toBe('126');
    expect(formatSignalValue(1234.5678, undefined, 'en')).toBe('1,234.6');
    expect(formatSignalValue(63.456, vssSignal('Vehicle.Speed'), 'en')).toBe('63.46');
    expect(formatSignalValue(0.12345, undefined, 'en')).toBe('0.123');
    expect(formatSignalValue(23.1291234, vssSignal('Vehicle.CurrentLocation.Latitude'), 'en')).toBe('23.129123');
    expect(formatAgeSeconds(1234, 'en')).toBe('1.2');
    expect(formatAgeSeconds(-5, 'en')).toBe('0.0');
  });

  it('filters paths case-insensitively by substring', () => {
    const paths = ['Vehicle.Speed', 'Vehicle.Powertrain.TractionBattery.StateOfCharge.Current'];
    expect(filterPaths(paths, ' battery ')).toEqual([paths[1]]);
    expect(filterPaths(paths, '')).toBe(paths);
  });
});
