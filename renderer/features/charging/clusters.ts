// Clusters thousands of station markers (supercluster) so the map draws a few hundred shapes at any zoom, with how many in each cluster are free, favourites or out of reach.
import Supercluster, { type ClusterFeature, type PointFeature } from 'supercluster';
import { MAP_POINT_FLAGS, type MapPoints } from '../../../shared/ipc/stations';
import { toDisplay, type MapDatum } from './datum';

export interface StationPointProps {
  /** Index into the points' arrays (its key). */
  i: number;
  flags: number;
}

export interface ClusterCounts {
  available: number;
  favourite: number;
  unreachable: number;
}

export type MapFeature = ClusterFeature<ClusterCounts> | PointFeature<StationPointProps>;

const countsOf = (flags: number): ClusterCounts => ({
  available: flags & MAP_POINT_FLAGS.available ? 1 : 0,
  favourite: flags & MAP_POINT_FLAGS.favourite ? 1 : 0,
  unreachable: flags & MAP_POINT_FLAGS.unreachable ? 1 : 0,
});

export interface StationClusters {
  /** Clusters and single stations in a box [west, south, east, north] (display datum) at a zoom. */
  inView(bbox: [number, number, number, number], zoom: number): MapFeature[];
  /** The zoom at which a cluster breaks apart (for a tap on it). */
  expansionZoom(clusterId: number): number;
  readonly keys: readonly string[];
  readonly size: number;
}

/** Built once per set of points (a new box or new filters), not per frame. */
export function buildClusters(points: MapPoints, datum: MapDatum): StationClusters {
  const features: Array<PointFeature<StationPointProps>> = points.keys.map((_, i) => {
    const [lat, lon] = toDisplay(datum, points.lat[i], points.lon[i]);
    return { type: 'Feature', properties: { i, flags: points.flags[i] }, geometry: { type: 'Point', coordinates: [lon, lat] } };
  });
  const index = new Supercluster<StationPointProps, ClusterCounts>({
    // Leaflet's tiles are 256 px: with that extent the radius is in screen pixels.
    extent: 256,
    radius: 72,
    maxZoom: 16,
    map: (p) => countsOf(p.flags),
    reduce: (acc, p) => {
      acc.available += p.available;
      acc.favourite += p.favourite;
      acc.unreachable += p.unreachable;
    },
  });
  index.load(features);
  return {
    inView: (bbox, zoom) => index.getClusters(bbox, Math.round(zoom)),
    expansionZoom: (clusterId) => index.getClusterExpansionZoom(clusterId),
    keys: points.keys,
    size: features.length,
  };
}

export const isCluster = (feature: MapFeature): feature is ClusterFeature<ClusterCounts> =>
  (feature.properties as { cluster?: boolean }).cluster === true;
