// Positions from GPS and station feeds are WGS-84; a brand's Chinese tile provider draws in GCJ-02, so positions are converted (gcoord) before they are drawn there, or they land hundreds of metres off.
import gcoord from 'gcoord';
import type { MapDatum } from '../../../shared/brand/brandSchema';

export type { MapDatum };

/** A WGS-84 position as drawn on a map whose tiles use `datum`. gcoord leaves positions outside China as they are. */
export function toDisplay(datum: MapDatum, lat: number, lon: number): [number, number] {
  if (datum === 'WGS84') return [lat, lon];
  const [x, y] = gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02);
  return [y, x];
}

/** A position read off the map (a box edge, a tap) back to WGS-84. */
export function fromDisplay(datum: MapDatum, lat: number, lon: number): [number, number] {
  if (datum === 'WGS84') return [lat, lon];
  const [x, y] = gcoord.transform([lon, lat], gcoord.GCJ02, gcoord.WGS84);
  return [y, x];
}
