import { describe, expect, it } from 'vitest';
import { contains, paddedBox } from './useMapPoints';

describe('the box of map points asked for', () => {
  it('is the view and as much again on every side', () => {
    const view = { south: 31, north: 31.4, west: 121, east: 121.6 };
    const box = paddedBox(view);
    for (const [side, value] of Object.entries({ south: 30.6, north: 31.8, west: 120.4, east: 122.2 })) expect(box[side as keyof typeof box]).toBeCloseTo(value, 9);
    expect(contains(paddedBox(view), view)).toBe(true);
  });

  it('is at least 0.6° × 0.8° when zoomed in, and never leaves the globe', () => {
    const box = paddedBox({ south: 31.2, north: 31.21, west: 121.5, east: 121.51 });
    expect(box.north - box.south).toBeCloseTo(0.6);
    expect(box.east - box.west).toBeCloseTo(0.8);
    expect(paddedBox({ south: 80, north: 89, west: 170, east: 179 })).toMatchObject({ north: 90, east: 180 });
  });

  it('a view that leaves the box asks again', () => {
    const box = paddedBox({ south: 31, north: 31.4, west: 121, east: 121.6 });
    expect(contains(box, { south: 31.7, north: 32.1, west: 121, east: 121.6 })).toBe(false);
  });
});
