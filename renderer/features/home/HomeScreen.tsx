// Home: the car at a glance — speed, gear, battery and range, temperatures, charging, 12 V — stale values greyed.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { selectGatewayLink } from '../../../shared/state/connectionSlice';
import { selectVehiclePaths } from '../../../shared/state/vehicleSlice';
import { useAppSelector } from '../../app/store';
import { useFormatters } from '../../app/useFormatters';
import { gearLetter } from './gearLetter';
import { useSignal, type LiveSignal } from './useSignal';
import styles from './HomeScreen.module.css';

export const HOME_PATHS = {
  speed: 'Vehicle.Speed',
  selectedGear: 'Vehicle.Powertrain.Transmission.SelectedGear',
  currentGear: 'Vehicle.Powertrain.Transmission.CurrentGear',
  soc: 'Vehicle.Powertrain.TractionBattery.StateOfCharge.Current',
  range: 'Vehicle.Powertrain.Range',
  batteryTemp: 'Vehicle.Powertrain.TractionBattery.Temperature.Average',
  outsideTemp: 'Vehicle.Exterior.AirTemperature',
  isCharging: 'Vehicle.Powertrain.TractionBattery.Charging.IsCharging',
  chargePowerKw: 'Vehicle.Private.CabinIVI.Charging.Power',
  lowVoltage: 'Vehicle.LowVoltageBattery.CurrentVoltage',
  lowVoltageSoc: 'Vehicle.Private.CabinIVI.LowVoltageBattery.StateOfCharge',
} as const;

export function HomeScreen({ now }: { now: number }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const link = useAppSelector(selectGatewayLink);
  const mapped = new Set(useAppSelector(selectVehiclePaths));
  const P = HOME_PATHS;
  const speed = useSignal<number>(P.speed, now);
  const selectedGear = useSignal<number>(P.selectedGear, now);
  const currentGear = useSignal<number>(P.currentGear, now);
  const gear = selectedGear.value !== null ? selectedGear : currentGear;
  const soc = useSignal<number>(P.soc, now);
  const range = useSignal<number>(P.range, now);
  const batteryTemp = useSignal<number>(P.batteryTemp, now);
  const outsideTemp = useSignal<number>(P.outsideTemp, now);
  const isCharging = useSignal<boolean>(P.isCharging, now);
  const chargePower = useSignal<number>(P.chargePowerKw, now);
  const lowVoltage = useSignal<number>(P.lowVoltage, now);
  const lowVoltageSoc = useSignal<number>(P.lowVoltageSoc, now);

  // Only what this car reports gets a tile: a 2015 combustion car has no traction battery.
  const tiles: Array<{ id: string; label: string; signal: LiveSignal<number | boolean | string>; wide?: boolean; body: ReactNode }> = [];
  if (mapped.has(P.speed)) {
    const s = speed.value === null ? null : f.speed(speed.value);
    tiles.push({
      id: 'speed',
      label: t('home.speed'),
      signal: speed,
      wide: true,
      body: (
        <>
          <span className={styles.speed}>{s ? s.value : '–'}</span>
          <span className={styles.unit}>{s?.unit}</span>
        </>
      ),
    });
  }
  if (mapped.has(P.selectedGear) || mapped.has(P.currentGear)) {
    const letter = gearLetter(gear.value);
    tiles.push({ id: 'gear', label: t('home.gear'), signal: gear, body: <span className={styles.gear}>{letter ? t(`home.gears.${letter}`) : '–'}</span> });
  }
  if (mapped.has(P.soc)) {
    tiles.push({
      id: 'soc',
      label: t('home.stateOfCharge'),
      signal: soc,
      body: (
        <>
          <span className={styles.big}>{soc.value === null ? '–' : f.percent(soc.value).text}</span>
          {mapped.has(P.range) && (
            <span className={styles.secondary} data-testid="range" data-freshness={range.freshness}>
              {range.value === null ? '' : `${t('home.range')} ${f.rangeMeters(range.value).text}`}
            </span>
          )}
        </>
      ),
    });
  }
  if (mapped.has(P.batteryTemp)) {
    tiles.push({ id: 'battery-temperature', label: t('home.batteryTemperature'), signal: batteryTemp, body: <Big text={batteryTemp.value === null ? '–' : f.temperature(batteryTemp.value).text} /> });
  }
  if (mapped.has(P.outsideTemp)) {
    tiles.push({ id: 'outside-temperature', label: t('home.outsideTemperature'), signal: outsideTemp, body: <Big text={outsideTemp.value === null ? '–' : f.temperature(outsideTemp.value).text} /> });
  }
  if (mapped.has(P.isCharging)) {
    const power = chargePower.freshness === 'fresh' && chargePower.value !== null ? f.powerKw(chargePower.value).value : 0;
    tiles.push({
      id: 'charging',
      label: t('home.charging'),
      signal: isCharging,
      body: <Big text={isCharging.value ? t('home.chargingPower', { power }) : t('home.notCharging')} />,
    });
  }
  if (mapped.has(P.lowVoltage)) {
    tiles.push({
      id: 'low-voltage',
      label: t('home.lowVoltage'),
      signal: lowVoltage,
      body: (
        <>
          <Big text={lowVoltage.value === null ? '–' : t('home.lowVoltageValue', { voltage: f.number(lowVoltage.value, 1) })} />
          {mapped.has(P.lowVoltageSoc) && lowVoltageSoc.value !== null && (
            <span className={styles.secondary}>{f.percent(lowVoltageSoc.value).text}</span>
          )}
        </>
      ),
    });
  }

  const nothingLive = tiles.every((tile) => tile.signal.freshness !== 'fresh');
  if (link.status === 'lost' || link.status === 'none' || nothingLive) {
    return (
      <section className={styles.unavailable} aria-label={t('home.title')}>
        <div role="status">
          <h1 className={styles.unavailableTitle}>{t('home.unavailable')}</h1>
          <p className={styles.hint}>{t('home.unavailableHint')}</p>
        </div>
      </section>
    );
  }

  return (
    <section className={styles.home} aria-label={t('home.title')}>
      {tiles.map((tile) => (
        <Tile key={tile.id} testId={tile.id} label={tile.label} signal={tile.signal} wide={tile.wide}>
          {tile.body}
        </Tile>
      ))}
    </section>
  );
}

function Big({ text }: { text: string }) {
  return <span className={styles.big}>{text}</span>;
}

interface TileProps {
  label: string;
  signal: LiveSignal<number | boolean | string>;
  wide?: boolean;
  testId: string;
  children: ReactNode;
}

function Tile({ label, signal, wide, testId, children }: TileProps) {
  const { t } = useTranslation();
  const stale = signal.freshness !== 'fresh';
  return (
    <div className={`${styles.tile} ${wide ? styles.wide : ''}`} data-testid={testId} data-freshness={signal.freshness} aria-label={label}>
      <span className={styles.label}>{label}</span>
      <div className={styles.value}>{children}</div>
      {stale && signal.value !== null && (
        <span className={styles.stale}>{t('home.staleFor', { seconds: Math.round(signal.ageMs / 1000) })}</span>
      )}
      {signal.value === null && <span className={styles.stale}>{t('home.noData')}</span>}
    </div>
  );
}
