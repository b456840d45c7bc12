// The Leaflet map behind StationMap, driven imperatively so panning and zooming never wait for React: tiles from the brand, the offline base map, the car, and clustered stations.
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { TileSource } from '../../../shared/brand/brandSchema';
import { MAP_POINT_FLAGS, type MapPoints } from '../../../shared/ipc/stations';
import { BASE_PANE, drawBaseMap, loadBaseMap, type BaseMapLayer } from './baseMapLayer';
import { buildClusters, isCluster, type MapFeature, type StationClusters } from './clusters';
import { fromDisplay, toDisplay, type MapDatum } from './datum';
import type { MapColours } from './mapColours';

export interface MapClasses {
  car: string;
  cluster: string;
  clusterFree: string;
  selected: string;
}

export interface MapControllerOptions {
  colours: MapColours;
  classes: MapClasses;
  language: string;
  metric: boolean;
  onSelectStation(key: string): void;
  /** The view moved (after a pan or zoom settled): its box in WGS-84, for fetching stations. */
  onViewChange(view: WgsBox): void;
  /** Tiles answer (true) or not (false): the screen says "offline map" then. */
  onTilesChange(reachable: boolean): void;
}

export interface WgsBox {
  south: number;
  west: number;
  north: number;
  east: number;
}

export interface MapController {
  setTiles(tiles: TileSource): void;
  setCar(position: { lat: number; lon: number } | null, heading: number | null): void;
  setPoints(points: MapPoints | null): void;
  setSelected(position: { lat: number; lon: number } | null): void;
  /** Keeps the car in view as it drives (Home), or leaves the view to the driver (Charging). */
  follow(on: boolean): void;
  recentre(): void;
  zoomBy(delta: number): void;
  view(): WgsBox;
  /** Markers drawn now (clusters and single stations) and stations loaded, for tests and the bench. */
  stats(): { drawn: number; stations: number };
  destroy(): void;
}

const DEFAULT_ZOOM = 13;

export function createMapController(element: HTMLElement, start: { lat: number; lon: number }, options: MapControllerOptions): MapController {
  let datum: MapDatum = 'WGS84';
  const map = L.map(element, {
    zoomControl: false,
    attributionControl: true,
    // Canvas for the many station shapes: one element, redrawn once per frame, instead of thousands of SVG nodes.
    preferCanvas: true,
    zoomSnap: 0.5,
    wheelPxPerZoomLevel: 120,
    minZoom: 3,
    maxZoom: 18,
  });
  map.attributionControl.setPrefix(false);
  // The tile provider's attribution is its own text, the same in every language (the brand pack gives it).
  map.attributionControl.getContainer()?.setAttribute('translate', 'no');
  map.createPane(BASE_PANE).style.zIndex = '150';
  map.setView(toDisplay(datum, start.lat, start.lon), DEFAULT_ZOOM);
  const scale = L.control.scale({ metric: options.metric, imperial: !options.metric, position: 'bottomleft', maxWidth: 160 }).addTo(map);

  const stationsRenderer = L.canvas({ padding: 0.5 });
  const stationLayer = L.layerGroup().addTo(map);
  let tiles: L.TileLayer | null = null;
  let tileSource: TileSource | null = null;
  let base: BaseMapLayer | null = null;
  let clusters: StationClusters | null = null;
  let points: MapPoints | null = null;
  let drawn = 0;
  let following = false;
  let car: { lat: number; lon: number } | null = null;
  let carHeading: number | null = null;
  let selectedAt: { lat: number; lon: number } | null = null;
  let destroyed = false;

  const carIcon = () =>
    L.divIcon({
      className: options.classes.car,
      html: `<span style="transform: rotate(${Math.round(carHeading ?? 0)}deg)"></span>`,
      iconSize: undefined,
    });
  const carMarker = L.marker([0, 0], { icon: carIcon(), interactive: false, keyboard: false, zIndexOffset: 1000 });
  const selectedMarker = L.circleMarker([0, 0], { radius: 18, color: options.colours.selected, weight: 4, fill: false, interactive: false, renderer: stationsRenderer });

  function redrawBase(): void {
    void loadBaseMap()
      .then((data) => {
        if (destroyed) return;
        base?.remove();
        base = drawBaseMap(map, data, datum, options.colours, options.language);
        element.dataset.base = 'loaded';
      })
      .catch(() => {
        element.dataset.base = 'failed';
      });
  }

  /**
   * Brings the clusters and stations in view up to date after a pan or zoom settles (never during one). Shapes
   * already drawn stay: after a pan most of them are the same, so few DOM nodes change.
   */
  const shown = new Map<string, L.Layer>();
  let shownFor: StationClusters | null = null;
  function drawStations(): void {
    if (shownFor !== clusters) {
      stationLayer.clearLayers();
      shown.clear();
      shownFor = clusters;
    }
    drawn = 0;
    if (!clusters || !points) {
      element.dataset.drawn = '0';
      return;
    }
    const bounds = map.getBounds().pad(0.25);
    const features = clusters.inView([bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()], map.getZoom());
    const wanted = new Set<string>();
    for (const feature of features) {
      const id = isCluster(feature) ? `c${feature.properties.cluster_id}` : `p${feature.properties.i}`;
      wanted.add(id);
      if (!shown.has(id)) {
        const layer = shapeOf(feature);
        shown.set(id, layer);
        stationLayer.addLayer(layer);
      }
    }
    for (const [id, layer] of shown) {
      if (wanted.has(id)) continue;
      stationLayer.removeLayer(layer);
      shown.delete(id);
    }
    drawn = wanted.size;
    element.dataset.drawn = String(drawn);
  }

  function shapeOf(feature: MapFeature): L.Layer {
    const [lon, lat] = feature.geometry.coordinates;
    const c = options.colours;
    if (isCluster(feature)) {
      const { point_count: count, available, cluster_id: id } = feature.properties;
      const label = count >= 1000 ? `${Math.round(count / 100) / 10}k` : String(count);
      const marker = L.marker([lat, lon], {
        icon: L.divIcon({ className: available > 0 ? `${options.classes.cluster} ${options.classes.clusterFree}` : options.classes.cluster, html: label, iconSize: undefined }),
        keyboard: false,
      });
      marker.on('click', () => map.flyTo([lat, lon], Math.min(18, clusters!.expansionZoom(id)), { duration: 0.4 }));
      return marker;
    }
    const { i, flags } = feature.properties;
    const unreachable = (flags & MAP_POINT_FLAGS.unreachable) !== 0;
    const free = (flags & MAP_POINT_FLAGS.available) !== 0;
    const favourite = (flags & MAP_POINT_FLAGS.favourite) !== 0;
    const dot = L.circleMarker([lat, lon], {
      renderer: stationsRenderer,
      radius: favourite ? 11 : 9,
      color: favourite ? c.selected : c.surface,
      weight: favourite ? 3 : 2,
      fillColor: unreachable ? c.unreachable : free ? c.free : c.busy,
      fillOpacity: unreachable ? 0.5 : 1,
    });
    const key = clusters!.keys[i];
    dot.on('click', () => options.onSelectStation(key));
    return dot;
  }

  function placeCar(): void {
    if (!car) {
      carMarker.remove();
      return;
    }
    carMarker.setLatLng(toDisplay(datum, car.lat, car.lon));
    carMarker.setIcon(carIcon());
    if (!map.hasLayer(carMarker)) carMarker.addTo(map);
    if (following) map.panTo(carMarker.getLatLng(), { animate: true, duration: 0.5 });
  }

  function placeSelected(): void {
    if (!selectedAt) {
      selectedMarker.remove();
      return;
    }
    const at = toDisplay(datum, selectedAt.lat, selectedAt.lon);
    selectedMarker.setLatLng(at);
    if (!map.hasLayer(selectedMarker)) selectedMarker.addTo(map);
    if (!map.getBounds().pad(-0.15).contains(at)) map.panTo(at);
  }

  const view = (): WgsBox => {
    const b = map.getBounds();
    const [south, west] = fromDisplay(datum, b.getSouth(), b.getWest());
    const [north, east] = fromDisplay(datum, b.getNorth(), b.getEast());
    return { south, west, north, east };
  };

  map.on('moveend', () => {
    drawStations();
    options.onViewChange(view());
  });
  let zoomTarget: number | null = null;
  map.on('zoomend', () => {
    base?.zoomed(map.getZoom());
    element.dataset.zoom = String(map.getZoom());
    if (zoomTarget === null) return;
    if (Math.abs(map.getZoom() - zoomTarget) > 1e-6) map.setZoom(zoomTarget);
    else zoomTarget = null;
  });
  // A drag is the driver taking the view: stop following the car until they recentre.
  map.on('dragstart', () => {
    following = false;
  });

  return {
    setTiles(next) {
      if (tileSource && tileSource.url === next.url && tileSource.datum === next.datum) return;
      const datumChanged = next.datum !== datum;
      tileSource = next;
      tiles?.remove();
      const layer = L.tileLayer(next.url, {
        subdomains: next.subdomains ?? [],
        attribution: next.attribution,
        minZoom: next.minZoom,
        maxZoom: next.maxZoom,
        // No tile is better than a broken-image icon: failures leave the base map showing.
        errorTileUrl: '',
        crossOrigin: false,
      });
      let failures = 0;
      layer.on('tileerror', () => {
        failures += 1;
        if (failures >= 2) options.onTilesChange(false);
      });
      layer.on('tileload', () => {
        failures = 0;
        options.onTilesChange(true);
      });
      tiles = layer.addTo(map);
      if (datumChanged) {
        const centre = map.getCenter();
        const [lat, lon] = fromDisplay(datum, centre.lat, centre.lng);
        datum = next.datum;
        map.setView(toDisplay(datum, lat, lon), map.getZoom(), { animate: false });
        if (points) clusters = buildClusters(points, datum);
        placeCar();
        placeSelected();
        drawStations();
      }
      redrawBase();
    },
    setCar(position, heading) {
      const first = car === null && position !== null;
      car = position;
      carHeading = heading;
      placeCar();
      if (first && position) map.setView(toDisplay(datum, position.lat, position.lon), map.getZoom(), { animate: false });
    },
    setPoints(next) {
      points = next;
      clusters = next ? buildClusters(next, datum) : null;
      element.dataset.stations = String(clusters?.size ?? 0);
      drawStations();
    },
    setSelected(position) {
      selectedAt = position;
      placeSelected();
    },
    follow(on) {
      following = on;
      if (on) placeCar();
    },
    recentre() {
      following = true;
      if (car) map.setView(toDisplay(datum, car.lat, car.lon), Math.max(map.getZoom(), DEFAULT_ZOOM));
    },
    zoomBy(delta) {
      // Leaflet drops a zoom asked for during a zoom animation: taps faster than it keep a target and catch up.
      zoomTarget = Math.min(map.getMaxZoom(), Math.max(map.getMinZoom(), (zoomTarget ?? map.getZoom()) + delta));
      map.setZoom(zoomTarget);
    },
    view,
    stats: () => ({ drawn, stations: clusters?.size ?? 0 }),
    destroy() {
      destroyed = true;
      scale.remove();
      map.remove();
    },
  };
}
