// Home: the car at a glance — speed, gear, battery and range, temperatures, charging — stale values greyed.
import { useTranslation } from 'react-i18next';
import { selectGatewayLink } from '../../../shared/state/connectionSlice';
import { useAppSelector } from '../../app/store';
import { useFormatters } from '../../app/useFormatters';
import { gearLetter } from './gearLetter';
import { useSignal, type LiveSignal } from './useSignal';
import styles from './HomeScreen.module.css';

const P = {
  speed: 'Vehicle.Speed',
  selectedGear: 'Vehicle.Powertrain.Transmission.SelectedGear',
  currentGear: 'Vehicle.Powertrain.Transmission.CurrentGear',
  soc: 'Vehicle.Powertrain.TractionBattery.StateOfCharge.Current',
  range: 'Vehicle.Powertrain.Range',
  batteryTemp: 'Vehicle.Powertrain.TractionBattery.Temperature.Average',
  outsideTemp: 'Vehicle.Exterior.AirTemperature',
  isCharging: 'Vehicle.Powertrain.TractionBattery.Charging.IsCharging',
  power: 'Vehicle.Powertrain.TractionBattery.CurrentPower',
} as const;

export function HomeScreen({ now }: { now: number }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const link = useAppSelector(selectGatewayLink);
  const speed = useSignal<number>(P.speed, now);
  const selectedGear = useSignal<number>(P.selectedGear, now);
  const currentGear = useSignal<number>(P.currentGear, now);
  const gear = selectedGear.value !== null ? selectedGear : currentGear;
  const soc = useSignal<number>(P.soc, now);
  const range = useSignal<number>(P.range, now);
  const batteryTemp = useSignal<number>(P.batteryTemp, now);
  const outsideTemp = useSignal<number>(P.outsideTemp, now);
  const isCharging = useSignal<boolean>(P.isCharging, now);
  const power = useSignal<number>(P.power, now);

  const all = [speed, gear, soc, range, batteryTemp, outsideTemp, isCharging];
  const nothingLive = all.every((s) => s.freshness !== 'fresh');
  if (link.status === 'lost' || nothingLive) {
    return (
      <section className={styles.unavailable} aria-label={t('home.title')}>
        <div role="status">
          <h1 className={styles.unavailableTitle}>{t('home.unavailable')}</h1>
          <p className={styles.hint}>{t('home.unavailableHint')}</p>
        </div>
      </section>
    );
  }

  const speedText = speed.value === null ? null : f.speed(speed.value);
  const letter = gearLetter(gear.value);
  return (
    <section className={styles.home} aria-label={t('home.title')}>
      <Tile label={t('home.speed')} signal={speed} now={now} wide testId="speed">
        <span className={styles.speed}>{speedText ? speedText.value : '–'}</span>
        <span className={styles.unit}>{speedText?.unit}</span>
      </Tile>
      <Tile label={t('home.gear')} signal={gear} now={now} testId="gear">
        <span className={styles.gear}>{letter ? t(`home.gears.${letter}`) : '–'}</span>
      </Tile>
      <Tile label={t('home.stateOfCharge')} signal={soc} now={now} testId="soc">
        <span className={styles.big}>{soc.value === null ? '–' : f.percent(soc.value).text}</span>
        <span className={styles.secondary} data-testid="range">
          {range.value === null ? '' : `${t('home.range')} ${f.rangeMeters(range.value).text}`}
        </span>
      </Tile>
      <Tile label={t('home.batteryTemperature')} signal={batteryTemp} now={now} testId="battery-temperature">
        <span className={styles.big}>{batteryTemp.value === null ? '–' : f.temperature(batteryTemp.value).text}</span>
      </Tile>
      <Tile label={t('home.outsideTemperature')} signal={outsideTemp} now={now} testId="outside-temperature">
        <span className={styles.big}>{outsideTemp.value === null ? '–' : f.temperature(outsideTemp.value).text}</span>
      </Tile>
      <Tile label={t('home.charging')} signal={isCharging} now={now} testId="charging">
        <span className={styles.big}>
          {isCharging.value
            ? t('home.chargingPower', { power: f.powerKw(Math.max(0, (power.value ?? 0) / 1000)).value })
            : t('home.notCharging')}
        </span>
      </Tile>
    </section>
  );
}

interface TileProps {
  label: string;
  signal: LiveSignal<number | boolean | string>;
  now: number;
  wide?: boolean;
  testId: string;
  children: React.ReactNode;
}

function Tile({ label, signal, wide, testId, children }: TileProps) {
  const { t } = useTranslation();
  const stale = signal.freshness !== 'fresh';
  return (
    <div
      className={`${styles.tile} ${wide ? styles.wide : ''}`}
      data-testid={testId}
      data-freshness={signal.freshness}
      aria-label={label}
    >
      <span className={styles.label}>{label}</span>
      <div className={styles.value}>{children}</div>
      {stale && signal.value !== null && (
        <span className={styles.stale}>{t('home.staleFor', { seconds: Math.round(signal.ageMs / 1000) })}</span>
      )}
    </div>
  );
}
