import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  celsiusToFahrenheit,
  displayDistanceKm,
  displayPercent,
  displayPowerKw,
  displayRangeMeters,
  displaySpeed,
  displayTemperature,
  fahrenheitToCelsius,
  kmhToMph,
  kmToMiles,
  milesToKm,
} from './units';

describe('unit conversion', () => {
  it('converts known points', () => {
    expect(kmToMiles(1.609344)).toBeCloseTo(1, 12);
    expect(kmhToMph(100)).toBeCloseTo(62.137, 3);
    expect(celsiusToFahrenheit(100)).toBe(212);
    expect(celsiusToFahrenheit(-40)).toBe(-40);
    expect(fahrenheitToCelsius(32)).toBe(0);
  });

  it('round-trips', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (v) => {
        expect(milesToKm(kmToMiles(v))).toBeCloseTo(v, 6);
        expect(fahrenheitToCelsius(celsiusToFahrenheit(v))).toBeCloseTo(v, 6);
      }),
    );
  });
});

describe('display formatting', () => {
  it('shows speed in the driver unit, whole numbers', () => {
    expect(displaySpeed(100, 'en', { distanceUnit: 'km' }).text).toBe('100 km/h');
    expect(displaySpeed(100, 'en', { distanceUnit: 'mi' })).toMatchObject({ value: 62, unit: 'mph', text: '62 mph' });
  });

  it('shows range from metres and odometer with locale grouping', () => {
    expect(displayRangeMeters(412_600, 'en', { distanceUnit: 'km' }).text).toBe('413 km');
    expect(displayRangeMeters(412_600, 'en', { distanceUnit: 'mi' }).text).toBe('256 mi');
    expect(displayDistanceKm(12345.67, 'en', { distanceUnit: 'km' }).text).toBe('12,346 km');
    expect(displayDistanceKm(12.34, 'de', { distanceUnit: 'km' }).text).toBe('12,3 km');
    expect(displayDistanceKm(12345.67, 'zh-CN', { distanceUnit: 'km' }).text).toBe('12,346 km');
  });

  it('shows temperatures, percent and power', () => {
    expect(displayTemperature(21.5, 'en', { temperatureUnit: 'celsius' }, 1).text).toBe('21.5°C');
    expect(displayTemperature(21, 'en', { temperatureUnit: 'fahrenheit' }).text).toBe('70°F');
    expect(displayTemperature(-0.2, 'en', { temperatureUnit: 'celsius' }).text).toBe('0°C');
    expect(displayPercent(79.6, 'en').text).toBe('80%');
    expect(displayPowerKw(7.36, 'en').text).toBe('7.4 kW');
    expect(displayPowerKw(148.2, 'en').text).toBe('148 kW');
  });
});
