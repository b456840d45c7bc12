// Great-circle distances on the mean Earth radius, and positions relative to a route polyline.

/** IUGG mean Earth radius, metres. */
export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/**
 * The haversine term of two positions. Computed exactly as geokdbush computes it (query point first),
 * so distances here order stations the same way the spatial index does, to the last bit.
 */
export function haversineTerm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const sLon = Math.sin(((lon1 - lon2) * RAD) / 2);
  const sLat = Math.sin(((lat1 - lat2) * RAD) / 2);
  return Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * (sLon * sLon) + sLat * sLat;
}

/** Great-circle (haversine) distance in metres from point 1 (the query) to point 2. */
export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(haversineTerm(lat1, lon1, lat2, lon2))));
}

/** A polyline of [lat, lon] points with the distance from its start to each point. */
export interface RouteLine {
  points: ReadonlyArray<readonly [number, number]>;
  /** Metres from the first point to each point. */
  cumulative: number[];
  length: number;
}

export function routeLine(points: ReadonlyArray<readonly [number, number]>): RouteLine {
  const cumulative = [0];
  for (let i = 1; i < points.length; i++) {
    cumulative.push(cumulative[i - 1] + haversineM(points[i - 1][0], points[i - 1][1], points[i][0], points[i][1]));
  }
  return { points, cumulative, length: cumulative[cumulative.length - 1] };
}

/**
 * Where a position lies relative to a route: metres along the route to the closest point, and metres
 * off it. Segments are short enough (a few km) for a local equirectangular projection to be exact to
 * well under a metre.
 */
export function projectOnRoute(line: RouteLine, lat: number, lon: number): { alongM: number; offM: number } {
  let best = { alongM: 0, offM: Infinity };
  const { points, cumulative } = line;
  for (let i = 0; i < points.length - 1; i++) {
    const [aLat, aLon] = points[i];
    const [bLat, bLon] = points[i + 1];
    const k = Math.cos(((aLat + bLat) / 2) * RAD);
    const bx = (bLon - aLon) * k;
    const by = bLat - aLat;
    const px = (lon - aLon) * k;
    const py = lat - aLat;
    const len2 = bx * bx + by * by;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (px * bx + py * by) / len2));
    const qLat = aLat + by * t;
    const qLon = aLon + (bLon - aLon) * t;
    const off = haversineM(qLat, qLon, lat, lon);
    if (off < best.offM) best = { alongM: cumulative[i] + (cumulative[i + 1] - cumulative[i]) * t, offM: off };
  }
  return best;
}

/** Points every `stepM` metres along the route (ends included), for corridor searches. */
export function samplesAlong(line: RouteLine, stepM: number): Array<{ lat: number; lon: number; alongM: number }> {
  const out: Array<{ lat: number; lon: number; alongM: number }> = [];
  const { points, cumulative } = line;
  let segment = 0;
  for (let d = 0; ; d = Math.min(line.length, d + stepM)) {
    while (segment < points.length - 2 && cumulative[segment + 1] < d) segment++;
    const span = cumulative[segment + 1] - cumulative[segment];
    const t = span === 0 ? 0 : (d - cumulative[segment]) / span;
    out.push({
      lat: points[segment][0] + (points[segment + 1][0] - points[segment][0]) * t,
      lon: points[segment][1] + (points[segment + 1][1] - points[segment][1]) * t,
      alongM: d,
    });
    if (d >= line.length) break;
  }
  return out;
}
