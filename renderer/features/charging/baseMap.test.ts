// The shipped offline base map: compact, valid, inside its three regions, with place names in both languages, and the simulated routes exactly as assets/routes has them.
import { describe, expect, it } from 'vitest';
import baseMapText from '../../../assets/maps/baseMap.json?raw';

const baseMap = JSON.parse(baseMapText) as { properties: { regions: Record<string, [number, number, number, number]> }; features: unknown[] };
const routes = import.meta.glob<string>('../../../assets/routes/*.json', { eager: true, query: '?raw', import: 'default' });

type Feature = { properties: Record<string, unknown> & { kind: string; region: string }; geometry: { type: string; coordinates: unknown } };
const features = baseMap.features as unknown as Feature[];
const regions = baseMap.properties.regions;

function positions(geometry: Feature['geometry']): number[][] {
  if (geometry.type === 'Point') return [geometry.coordinates as number[]];
  if (geometry.type === 'LineString') return geometry.coordinates as number[][];
  return (geometry.coordinates as number[][][]).flat();
}

describe('the offline base map', () => {
  it('is small enough to ship in the app (under 20 KB)', () => {
    expect(baseMapText.length).toBeLessThan(20_000);
  });

  it('has water, borders, places and routes for each simulated region, all inside it', () => {
    for (const region of Object.keys(regions)) {
      const own = features.filter((f) => f.properties.region === region);
      expect(new Set(own.map((f) => f.properties.kind))).toEqual(new Set(['water', 'border', 'place', 'route', ...(own.some((f) => f.properties.kind === 'river') ? ['river'] : [])]));
      const [west, south, east, north] = regions[region];
      for (const f of own.filter((x) => x.properties.kind !== 'border' && x.properties.kind !== 'river')) {
        for (const [lon, lat] of positions(f.geometry)) {
          expect(lon).toBeGreaterThanOrEqual(west);
          expect(lon).toBeLessThanOrEqual(east);
          expect(lat).toBeGreaterThanOrEqual(south);
          expect(lat).toBeLessThanOrEqual(north);
        }
      }
    }
  });

  it('closes every water ring and names every place in English and Chinese', () => {
    for (const f of features) {
      if (f.properties.kind === 'water') {
        for (const ring of f.geometry.coordinates as number[][][]) expect(ring[0]).toEqual(ring[ring.length - 1]);
      }
      if (f.properties.kind === 'place') {
        expect(f.properties.name_en).toMatch(/\S/);
        expect(f.properties.name_zh).toMatch(/\S/);
      }
    }
  });

  it('carries each simulated route point for point', () => {
    const shipped = Object.values(routes).map((text) => JSON.parse(text) as { id: string; points: number[][] });
    expect(shipped.length).toBeGreaterThanOrEqual(3);
    for (const route of shipped) {
      const drawn = features.find((f) => f.properties.kind === 'route' && f.properties.id === route.id);
      expect(drawn, route.id).toBeDefined();
      expect(drawn!.geometry.coordinates).toEqual(route.points.map((p) => [p[1], p[0]]));
    }
  });
});
