// The offline base map (assets/maps/baseMap.json: water, rivers, borders, places, the simulated routes) drawn in its own pane under the tiles, so the map means something with no tiles at all.
import L from 'leaflet';
import baseMapUrl from '../../../assets/maps/baseMap.json?url';
import { toDisplay, type MapDatum } from './datum';
import type { MapColours } from './mapColours';

/** Under the tile pane (200): tiles, when they load, cover it. */
export const BASE_PANE = 'cabin-base';
const PLACE_MIN_ZOOM: Record<number, number> = { 1: 0, 2: 10, 3: 12 };

interface BaseFeature {
  type: 'Feature';
  properties: { kind: 'water' | 'river' | 'border' | 'place' | 'route'; name_en?: string; name_zh?: string; rank?: number; level?: string };
  geometry: GeoJSON.Geometry;
}

let loading: Promise<{ features: BaseFeature[] }> | null = null;

/** The shipped file, fetched once per page from the app's own origin (the CSP's connect-src 'self'). */
export function loadBaseMap(): Promise<{ features: BaseFeature[] }> {
  loading ??= fetch(baseMapUrl).then((r) => {
    if (!r.ok) throw new Error(`base map: HTTP ${r.status}`);
    return r.json() as Promise<{ features: BaseFeature[] }>;
  });
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

export interface BaseMapLayer {
  /** Shows the place names that fit this zoom. */
  zoomed(zoom: number): void;
  remove(): void;
}

export function drawBaseMap(map: L.Map, data: { features: BaseFeature[] }, datum: MapDatum, colours: MapColours, language: string, pane: string = BASE_PANE): BaseMapLayer {
  const renderer = L.canvas({ pane });
  const coordsToLatLng = (c: number[]) => {
    const [lat, lon] = toDisplay(datum, c[1], c[0]);
    return L.latLng(lat, lon);
  };
  const shapes = L.geoJSON(
    { type: 'FeatureCollection', features: data.features.filter((f) => f.properties.kind !== 'place') } as GeoJSON.FeatureCollection,
    {
      coordsToLatLng: coordsToLatLng as never,
      interactive: false,
      style: (feature) => {
        const kind = (feature?.properties as BaseFeature['properties']).kind;
        if (kind === 'water') return { renderer, stroke: true, color: colours.waterEdge, weight: 1, fillColor: colours.water, fillOpacity: 1 };
        if (kind === 'river') return { renderer, color: colours.water, weight: 5, opacity: 1 };
        if (kind === 'route') return { renderer, color: colours.route, weight: 3, opacity: 0.7, dashArray: '2 6' };
        return { renderer, color: colours.border, weight: 1.5, opacity: 0.8, dashArray: '8 6' };
      },
    },
  ).addTo(map);

  const places = data.features
    .filter((f) => f.properties.kind === 'place' && f.geometry.type === 'Point')
    .map((f) => {
      const [lon, lat] = (f.geometry as GeoJSON.Point).coordinates;
      const name = (language === 'zh-CN' ? f.properties.name_zh : f.properties.name_en) ?? '';
      const label = document.createElement('span');
      // A proper name: never run through translation, and marked so for checks of untranslated text.
      label.setAttribute('translate', 'no');
      label.textContent = name;
      const marker = L.marker(coordsToLatLng([lon, lat]), {
        pane,
        interactive: false,
        keyboard: false,
        icon: L.divIcon({ className: 'cabin-place', html: label, iconSize: undefined }),
      });
      return { marker, minZoom: PLACE_MIN_ZOOM[f.properties.rank ?? 3] ?? 12 };
    });

  const layer: BaseMapLayer = {
    zoomed(zoom) {
      for (const p of places) {
        const shown = map.hasLayer(p.marker);
        if (zoom >= p.minZoom && !shown) p.marker.addTo(map);
        else if (zoom < p.minZoom && shown) p.marker.remove();
      }
    },
    remove() {
      shapes.remove();
      for (const p of places) p.marker.remove();
    },
  };
  layer.zoomed(map.getZoom());
  return layer;
}
