import { describe, expect, it } from 'vitest';
import { buildClusters, isCluster } from './clusters';

function grid(n: number, flags = 0) {
  const lat: number[] = [];
  const lon: number[] = [];
  const keys: string[] = [];
  for (let i = 0; i < n; i++) {
    lat.push(31 + (i % 100) * 0.005);
    lon.push(121 + Math.floor(i / 100) * 0.005);
    keys.push(`CN*T/${i}`);
  }
  return { lat, lon, flags: keys.map((_, i) => (i % 2 ? flags : 0)), keys, truncated: false };
}

describe('station clusters', () => {
  it('draws 20,000 stations as a few hundred shapes at a city zoom and every one of them zoomed in', () => {
    const clusters = buildClusters(grid(20_000), 'WGS84');
    const city = clusters.inView([120.9, 30.9, 122.1, 31.6], 10);
    expect(city.length).toBeLessThan(400);
    const total = city.reduce((sum, f) => sum + (isCluster(f) ? f.properties.point_count : 1), 0);
    expect(total).toBe(20_000);
    const street = clusters.inView([121.0, 31.0, 121.01, 31.01], 18);
    expect(street.every((f) => !isCluster(f))).toBe(true);
    expect(street.length).toBeGreaterThan(0);
  });

  it('counts free stations, favourites and out-of-reach ones inside each cluster', () => {
    const clusters = buildClusters(grid(1000, 1 | 4 | 8), 'WGS84');
    const [all] = clusters.inView([-180, -85, 180, 85], 0);
    expect(isCluster(all) && all.properties).toMatchObject({ point_count: 1000, available: 500, unreachable: 500, favourite: 500 });
  });

  it('places stations in GCJ-02 for a GCJ-02 map', () => {
    const wgs = buildClusters(grid(1), 'WGS84').inView([-180, -85, 180, 85], 18)[0];
    const gcj = buildClusters(grid(1), 'GCJ02').inView([-180, -85, 180, 85], 18)[0];
    expect(gcj.geometry.coordinates[0] - wgs.geometry.coordinates[0]).toBeGreaterThan(0.003);
  });
});
