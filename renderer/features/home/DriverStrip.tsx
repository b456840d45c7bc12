// The driver-side strip: speed, gear and drive mode, the battery colour-coded with SoC and range, and warnings — what a glance needs, nearest the driver.
import { shallowEqual } from 'react-redux';
import { useTranslation } from 'react-i18next';
import { selectGatewayLink } from '../../../shared/state/connectionSlice';
import { selectVehiclePaths } from '../../../shared/state/vehicleSlice';
import { useAppSelector } from '../../app/store';
import { useFormatters } from '../../app/useFormatters';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { BatteryIcon } from './BatteryIcon';
import { batteryLevel, selectBatteryThresholds } from './batteryLevel';
import { gearLetter } from './gearLetter';
import { HOME_PATHS as P } from './homePaths';
import { LiveAge } from './LiveAge';
import { useSignal } from './useSignal';
import styles from './HomeScreen.module.css';

const DRIVE_MODES = ['NORMAL', 'SPORT', 'ECONOMY', 'SNOW', 'RAIN'] as const;
type DriveMode = (typeof DRIVE_MODES)[number];
const isDriveMode = (v: unknown): v is DriveMode => typeof v === 'string' && (DRIVE_MODES as readonly string[]).includes(v);

export function DriverStrip({ now }: { now: number }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const mapped = new Set(useAppSelector(selectVehiclePaths));
  const link = useAppSelector(selectGatewayLink);
  const thresholds = useAppSelector(selectBatteryThresholds, shallowEqual);
  const speed = useSignal<number>(P.speed, now);
  const selectedGear = useSignal<number>(P.selectedGear, now);
  const currentGear = useSignal<number>(P.currentGear, now);
  const gear = selectedGear.value !== null ? selectedGear : currentGear;
  const mode = useSignal<string>(P.driveMode, now);
  const soc = useSignal<number>(P.soc, now);
  const range = useSignal<number>(P.range, now);
  const charging = useSignal<boolean>(P.isCharging, now);

  const shownSpeed = speed.value === null ? null : f.speed(speed.value);
  const letter = gearLetter(gear.value);
  const moving = useAppSelector((s) => s.ux.restrictions.drivingState === 'moving');
  const rangeKm = range.freshness === 'fresh' && range.value !== null ? range.value / 1000 : null;
  const level = batteryLevel(soc.value, thresholds, { moving, rangeKm });
  const linkLost = link.status === 'lost' || link.status === 'none';

  return (
    <section className={styles.strip} aria-label={t('home.driverStrip')}>
      {mapped.has(P.speed) && (
        <div className={styles.block} data-testid="speed" data-freshness={speed.freshness}>
          <VisuallyHidden>{t('home.speed')}</VisuallyHidden>
          <span className={styles.speed}>{shownSpeed ? shownSpeed.value : '–'}</span>
          <span className={styles.side}>
            <span className={styles.unit}>{shownSpeed?.unit ?? f.speed(0).unit}</span>
            <LiveAge signal={speed} />
          </span>
        </div>
      )}
      {(mapped.has(P.selectedGear) || mapped.has(P.currentGear)) && (
        <div className={`${styles.block} ${styles.gearBlock}`} data-testid="gear" data-freshness={gear.freshness}>
          <VisuallyHidden>{t('home.gear')}</VisuallyHidden>
          {/* The letter reads the same in every language; its name (Drive, 前进) goes beside it, small. */}
          <span className={styles.gear}>{letter ?? '–'}</span>
          <span className={styles.side}>
            {letter && <span className={styles.gearName}>{t(`home.gearNames.${letter}`)}</span>}
            {mapped.has(P.driveMode) && (
              <span className={styles.mode} data-testid="drive-mode" data-freshness={mode.freshness}>
                {isDriveMode(mode.value) ? t(`home.driveModes.${mode.value}`) : t('home.driveModeUnknown')}
              </span>
            )}
            <LiveAge signal={gear} />
          </span>
        </div>
      )}
      {mapped.has(P.soc) && (
        <div className={styles.battery} data-testid="soc" data-freshness={soc.freshness} data-level={level}>
          <VisuallyHidden>{t('home.stateOfCharge')}</VisuallyHidden>
          <span className={styles.batteryRow}>
            <span className={styles.socValue}>{soc.value === null ? '–' : f.percent(soc.value).text}</span>
            <BatteryIcon level={level} soc={soc.value} charging={charging.value === true && charging.freshness === 'fresh'} />
          </span>
          {mapped.has(P.range) && (
            <span className={styles.range} data-testid="range" data-freshness={range.freshness}>
              {range.value === null ? t('home.rangeUnknown') : t('home.rangeValue', { range: f.rangeMeters(range.value).text })}
            </span>
          )}
          <LiveAge signal={soc} />
        </div>
      )}
      <div className={styles.warnings}>
        {linkLost && (
          <p className={styles.warning} data-kind="link" role="status">
            {t('home.linkLost')}
          </p>
        )}
        {level !== 'normal' && soc.value !== null && (
          <p className={styles.warning} data-kind={level} data-testid="battery-warning" data-level={level} role="alert">
            {t(level === 'critical' ? 'home.batteryCritical' : 'home.batteryLow', { soc: f.percent(soc.value).text })}
          </p>
        )}
      </div>
    </section>
  );
}
