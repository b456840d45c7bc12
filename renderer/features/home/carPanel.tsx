// Home's default panel: a calm card with the car — where it is, whether it is parked or driving, charging, outside temperature — until a map, a booking or a warning has more to say.
import { Car } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { selectUxRestrictions } from '../../../shared/state/uxSlice';
import { selectBrand } from '../../../shared/state/brandSlice';
import { selectVehiclePaths } from '../../../shared/state/vehicleSlice';
import { HOME_PANEL_PRIORITY, type HomePanel } from '../../app/homePanel';
import { useAppSelector } from '../../app/store';
import { useFormatters } from '../../app/useFormatters';
import { HOME_PATHS as P } from './homePaths';
import { LiveAge } from './LiveAge';
import { useSignal } from './useSignal';
import styles from './HomeScreen.module.css';

function CarCard({ now }: { now: number }) {
  const { t, i18n } = useTranslation();
  const f = useFormatters();
  const brand = useAppSelector(selectBrand);
  const ux = useAppSelector(selectUxRestrictions);
  const mapped = new Set(useAppSelector(selectVehiclePaths));
  const lat = useSignal<number>(P.latitude, now);
  const lon = useSignal<number>(P.longitude, now);
  const outside = useSignal<number>(P.outsideTemp, now);
  const charging = useSignal<boolean>(P.isCharging, now);
  const name = i18n.language === 'zh-CN' ? brand.name['zh-CN'] : brand.name.en;
  const located = lat.value !== null && lon.value !== null;
  return (
    <section className={styles.card} aria-labelledby="car-card-title" data-testid="car-panel">
      <div className={styles.cardHeader}>
        <Car className={styles.cardIcon} aria-hidden="true" />
        <h2 id="car-card-title" className={styles.cardTitle}>
          {t('home.car.title', { brand: name })}
        </h2>
      </div>
      <p className={styles.cardState} data-testid="car-state">
        {charging.value === true && charging.freshness === 'fresh' ? t('home.car.charging') : t(`ux.state.${ux.drivingState}`)}
      </p>
      {(mapped.has(P.latitude) || mapped.has(P.longitude)) && (
        <p className={styles.cardLine} data-testid="car-location" data-freshness={lat.freshness}>
          {located
            ? t('home.car.location', {
                lat: t(lat.value! >= 0 ? 'home.car.latNorth' : 'home.car.latSouth', { value: f.number(Math.abs(lat.value!), 4) }),
                lon: t(lon.value! >= 0 ? 'home.car.lonEast' : 'home.car.lonWest', { value: f.number(Math.abs(lon.value!), 4) }),
              })
            : t('home.car.noLocation')}
          <LiveAge signal={lat} />
        </p>
      )}
      {mapped.has(P.outsideTemp) && (
        <p className={styles.cardLine} data-freshness={outside.freshness}>
          {t('home.car.outside', { temperature: outside.value === null ? '–' : f.temperature(outside.value).text })}
        </p>
      )}
    </section>
  );
}

export const carPanel: HomePanel = {
  id: 'car',
  priority: () => HOME_PANEL_PRIORITY.default,
  render: ({ now }) => <CarCard now={now} />,
};
