// Fetches the map's station markers for a box around the view (stations.mapPoints) and again when the view leaves it or the filters change.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MapPoints } from '../../../shared/ipc/stations';
import { selectStationSources, selectStationsQuery } from '../../../shared/state/stationsSlice';
import { useBridge } from '../../app/bridgeContext';
import { useAppSelector } from '../../app/store';
import type { WgsBox } from './mapController';

/** The box asked for: the view and as much again on every side, at least this many degrees across. */
const MIN_SPAN = { lat: 0.6, lon: 0.8 };

export function paddedBox(view: WgsBox): WgsBox {
  const latSpan = Math.max(MIN_SPAN.lat, (view.north - view.south) * 3);
  const lonSpan = Math.max(MIN_SPAN.lon, (view.east - view.west) * 3);
  const lat = (view.north + view.south) / 2;
  const lon = (view.east + view.west) / 2;
  return {
    south: Math.max(-90, lat - latSpan / 2),
    north: Math.min(90, lat + latSpan / 2),
    west: Math.max(-180, lon - lonSpan / 2),
    east: Math.min(180, lon + lonSpan / 2),
  };
}

export const contains = (outer: WgsBox, inner: WgsBox) =>
  inner.south >= outer.south && inner.north <= outer.north && inner.west >= outer.west && inner.east <= outer.east;

export function useMapPoints(enabled: boolean): { points: MapPoints | null; viewChanged(view: WgsBox): void } {
  const bridge = useBridge();
  const query = useAppSelector(selectStationsQuery);
  const sources = useAppSelector(selectStationSources);
  const favourites = useAppSelector((s) => s.stations.results.filter((r) => r.favourite).length);
  const [points, setPoints] = useState<MapPoints | null>(null);
  const fetched = useRef<WgsBox | null>(null);
  const lastView = useRef<WgsBox | null>(null);
  const asked = useRef(0);

  const fetchAround = useCallback(
    (view: WgsBox) => {
      const box = paddedBox(view);
      fetched.current = box;
      const ticket = (asked.current += 1);
      void bridge.invoke('stations.mapPoints', box).then((result) => {
        // An older answer arriving after a newer question is dropped.
        if (ticket !== asked.current) return;
        if (result.ok) setPoints(result.value);
      });
    },
    [bridge],
  );

  // New filters, new data or a favourite changed: the same box again.
  useEffect(() => {
    if (enabled && lastView.current) fetchAround(lastView.current);
  }, [enabled, query, sources, favourites, fetchAround]);

  const viewChanged = useCallback(
    (view: WgsBox) => {
      lastView.current = view;
      if (enabled && (!fetched.current || !contains(fetched.current, view))) fetchAround(view);
    },
    [enabled, fetchAround],
  );
  return { points: enabled ? points : null, viewChanged };
}
