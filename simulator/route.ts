// Routes as polylines: their schema, and a follower that turns distance along the route into position and heading.
import { z } from 'zod';

const point = z.union([
  z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)]),
  z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180), z.number()]),
]);

export const routeSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
  name: z.string().min(1),
  city: z.string().min(1),
  country: z.string().length(2),
  /** [lat, lon] or [lat, lon, altitude m]; altitude gives the road grade. */
  points: z.array(point).min(2),
  /** Stretches (metres from the start) where daylight does not reach the car. */
  tunnels: z.array(z.strictObject({ fromM: z.number().min(0), toM: z.number().min(0), name: z.string().optional() })).default([]),
  notes: z.string().optional(),
});

export type RouteData = z.infer<typeof routeSchema>;

const EARTH_RADIUS_M = 6_371_008.8;
const toRad = Math.PI / 180;

/** Great-circle distance in metres. */
export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * toRad;
  const dLon = (lon2 - lon1) * toRad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Initial bearing from point 1 to point 2, degrees clockwise from north in [0, 360). */
export function bearingDeg(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const φ1 = lat1 * toRad;
  const φ2 = lat2 * toRad;
  const Δλ = (lon2 - lon1) * toRad;
  const y = Math.sin(Δλ) * Math.cos(φ2);
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ);
  return ((Math.atan2(y, x) / toRad) % 360 + 360) % 360;
}

export interface RoutePosition {
  lat: number;
  lon: number;
  altitude: number;
  heading: number;
  /** Rise over run of the current segment. */
  grade: number;
  inTunnel: boolean;
}

/** Precomputed segment lengths so position lookups are cheap and allocation-free. */
export class Route {
  readonly lengthM: number;
  private readonly cumulative: Float64Array;
  private readonly headings: Float64Array;
  private readonly grades: Float64Array;
  private segment = 0;

  constructor(readonly data: RouteData) {
    const n = data.points.length;
    this.cumulative = new Float64Array(n);
    this.headings = new Float64Array(n - 1);
    this.grades = new Float64Array(n - 1);
    for (let i = 1; i < n; i++) {
      const [lat1, lon1, alt1 = 0] = data.points[i - 1];
      const [lat2, lon2, alt2 = 0] = data.points[i];
      const d = haversineM(lat1, lon1, lat2, lon2);
      this.cumulative[i] = this.cumulative[i - 1] + d;
      this.headings[i - 1] = bearingDeg(lat1, lon1, lat2, lon2);
      this.grades[i - 1] = d > 0 ? (alt2 - alt1) / d : 0;
    }
    this.lengthM = this.cumulative[n - 1];
  }

  get id(): string {
    return this.data.id;
  }

  /** Fills `out` with the position `distanceM` metres along the route (clamped to its ends). */
  positionAt(distanceM: number, out: RoutePosition): RoutePosition {
    const d = Math.min(Math.max(distanceM, 0), this.lengthM);
    // The car moves a little each step, so start from the last segment and walk.
    let i = this.segment;
    while (i > 0 && this.cumulative[i] > d) i--;
    while (i < this.headings.length - 1 && this.cumulative[i + 1] < d) i++;
    this.segment = i;
    const start = this.cumulative[i];
    const span = this.cumulative[i + 1] - start;
    const f = span > 0 ? (d - start) / span : 0;
    const [lat1, lon1, alt1 = 0] = this.data.points[i];
    const [lat2, lon2, alt2 = 0] = this.data.points[i + 1];
    out.lat = lat1 + (lat2 - lat1) * f;
    out.lon = lon1 + (lon2 - lon1) * f;
    out.altitude = alt1 + (alt2 - alt1) * f;
    out.heading = this.headings[i];
    out.grade = this.grades[i];
    out.inTunnel = false;
    for (const tunnel of this.data.tunnels) {
      if (d >= tunnel.fromM && d <= tunnel.toM) out.inTunnel = true;
    }
    return out;
  }
}

export function emptyPosition(): RoutePosition {
  return { lat: 0, lon: 0, altitude: 0, heading: 0, grade: 0, inTunnel: false };
}
