// The map with the car and the charging stations around it (Leaflet, clustered), over the brand's tiles or, with none reachable, the offline base map; reused by Home and the Charging screen.
import { Crosshair, Minus, Plus } from 'lucide-react';
import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { selectEffectivePreferences } from '../../../shared/state/profilesSlice';
import { useAppSelector } from '../../app/store';
import { Button } from '../../components/Button';
import { createMapController, type MapController } from './mapController';
import { readMapColours } from './mapColours';
import { useMapPoints } from './useMapPoints';
import styles from './StationMap.module.css';

const PATHS = {
  lat: 'Vehicle.CurrentLocation.Latitude',
  lon: 'Vehicle.CurrentLocation.Longitude',
  heading: 'Vehicle.CurrentLocation.Heading',
};
/** Where the map opens before the car has said where it is: the simulated demo location (Shanghai). */
const NO_POSITION_YET = { lat: 31.2304, lon: 121.4737 };

const numberSignal = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

interface Props {
  onSelectStation(key: string): void;
  /** The station shown in detail (ringed on the map). */
  selected?: { lat: number; lon: number } | null;
  /** Keep the car in the middle as it drives (Home). */
  follow?: boolean;
  testId?: string;
}

/** Memoised: the screens around it re-render every second for ages; the map has nothing to redraw then. */
export const StationMap = memo(function StationMap({ onSelectStation, selected = null, follow = false, testId = 'station-map' }: Props) {
  const { t, i18n } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  const controller = useRef<MapController | null>(null);
  const select = useRef(onSelectStation);
  select.current = onSelectStation;
  const tiles = useAppSelector((s) => s.brand.active.map.tiles);
  const metric = useAppSelector((s) => selectEffectivePreferences(s).distanceUnit === 'km');
  const enabled = useAppSelector((s) => s.stations.enabled);
  const lat = useAppSelector((s) => numberSignal(s.vehicle.signals[PATHS.lat]?.value));
  const lon = useAppSelector((s) => numberSignal(s.vehicle.signals[PATHS.lon]?.value));
  const heading = useAppSelector((s) => numberSignal(s.vehicle.signals[PATHS.heading]?.value));
  const [tilesReachable, setTilesReachable] = useState<boolean | null>(null);
  const { points, viewChanged } = useMapPoints(enabled);
  const viewChangedRef = useRef(viewChanged);
  viewChangedRef.current = viewChanged;
  const car = lat !== null && lon !== null && !(lat === 0 && lon === 0) ? { lat, lon } : null;
  const carRef = useRef(car);
  carRef.current = car;

  useEffect(() => {
    const el = element.current!;
    const map = createMapController(el, carRef.current ?? NO_POSITION_YET, {
      colours: readMapColours(el),
      classes: { car: styles.car, cluster: styles.cluster, clusterFree: styles.clusterFree, selected: styles.selected },
      language: i18n.language,
      metric,
      onSelectStation: (key) => select.current(key),
      onViewChange: (view) => viewChangedRef.current(view),
      onTilesChange: setTilesReachable,
    });
    controller.current = map;
    viewChangedRef.current(map.view());
    return () => {
      controller.current = null;
      map.destroy();
    };
  }, [i18n.language, metric]);

  useEffect(() => controller.current?.setTiles(tiles), [tiles, i18n.language, metric]);
  useEffect(() => controller.current?.setCar(car, heading), [car?.lat, car?.lon, heading, i18n.language, metric]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => controller.current?.setPoints(points), [points, i18n.language, metric]);
  useEffect(() => controller.current?.setSelected(selected), [selected?.lat, selected?.lon, i18n.language, metric]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => controller.current?.follow(follow), [follow, i18n.language, metric]);

  return (
    <section className={styles.frame} aria-label={t('charging.map.label')} data-testid={testId}>
      <div ref={element} className={styles.map} data-tiles={tilesReachable === false ? 'offline' : 'ok'} />
      <div className={styles.controls}>
        <Button aria-label={t('charging.map.zoomIn')} onClick={() => controller.current?.zoomBy(1)}>
          <Plus aria-hidden="true" />
        </Button>
        <Button aria-label={t('charging.map.zoomOut')} onClick={() => controller.current?.zoomBy(-1)}>
          <Minus aria-hidden="true" />
        </Button>
        <Button aria-label={t('charging.map.recentre')} disabled={!car} onClick={() => controller.current?.recentre()}>
          <Crosshair aria-hidden="true" />
        </Button>
      </div>
      {tilesReachable === false && (
        <p className={styles.offline} role="status" data-testid="offline-map">
          {t('charging.map.offline')}
        </p>
      )}
      {!car && (
        <p className={styles.noCar} role="status">
          {t('charging.map.noPosition')}
        </p>
      )}
    </section>
  );
});
