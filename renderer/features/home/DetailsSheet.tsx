// Vehicle details one tap from Home: 12 V battery, battery and cabin temperatures, charging, odometer — each greyed with its age when it stopped arriving.
import { X } from 'lucide-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { selectVehiclePaths } from '../../../shared/state/vehicleSlice';
import { useAppSelector } from '../../app/store';
import { useFormatters } from '../../app/useFormatters';
import { Button } from '../../components/Button';
import { HOME_PATHS as P } from './homePaths';
import { LiveAge } from './LiveAge';
import { useSignal, type LiveSignal } from './useSignal';
import styles from './HomeScreen.module.css';

export function DetailsSheet({ now, onClose }: { now: number; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const mapped = new Set(useAppSelector(selectVehiclePaths));
  const lowVoltage = useSignal<number>(P.lowVoltage, now);
  const lowVoltageSoc = useSignal<number>(P.lowVoltageSoc, now);
  const batteryTemp = useSignal<number>(P.batteryTemp, now);
  const outsideTemp = useSignal<number>(P.outsideTemp, now);
  const cabinTemp = useSignal<number>(P.cabinTemp, now);
  const isCharging = useSignal<boolean>(P.isCharging, now);
  const chargePower = useSignal<number>(P.chargePowerKw, now);
  const odometer = useSignal<number>(P.odometer, now);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);

  const temperature = (s: LiveSignal<number>) => (s.value === null ? '–' : f.temperature(s.value, 1).text);
  const power = chargePower.freshness === 'fresh' && chargePower.value !== null ? f.powerKw(chargePower.value).text : null;

  return (
    <div className={styles.sheet} role="dialog" aria-modal="true" aria-labelledby="details-title" data-testid="details">
      <div className={styles.sheetHeader}>
        <h2 id="details-title" className={styles.sheetTitle}>
          {t('home.details.title')}
        </h2>
        <Button ref={close} aria-label={t('home.details.close')} onClick={onClose}>
          <X aria-hidden="true" />
        </Button>
      </div>
      <div className={styles.tiles}>
        {mapped.has(P.lowVoltage) && (
          <Tile id="low-voltage" label={t('home.lowVoltage')} signal={lowVoltage}>
            {lowVoltage.value === null ? '–' : t('home.lowVoltageValue', { voltage: f.number(lowVoltage.value, 1) })}
            {mapped.has(P.lowVoltageSoc) && lowVoltageSoc.value !== null && <span className={styles.tileSecondary}>{f.percent(lowVoltageSoc.value).text}</span>}
          </Tile>
        )}
        {mapped.has(P.batteryTemp) && (
          <Tile id="battery-temperature" label={t('home.batteryTemperature')} signal={batteryTemp}>
            {temperature(batteryTemp)}
          </Tile>
        )}
        {mapped.has(P.isCharging) && (
          <Tile id="charging" label={t('home.chargingState')} signal={isCharging}>
            {isCharging.value ? (power ? t('home.chargingAt', { power }) : t('home.chargingNow')) : t('home.notCharging')}
          </Tile>
        )}
        {mapped.has(P.outsideTemp) && (
          <Tile id="outside-temperature" label={t('home.outsideTemperature')} signal={outsideTemp}>
            {temperature(outsideTemp)}
          </Tile>
        )}
        {mapped.has(P.cabinTemp) && (
          <Tile id="cabin-temperature" label={t('home.cabinTemperature')} signal={cabinTemp}>
            {temperature(cabinTemp)}
          </Tile>
        )}
        {mapped.has(P.odometer) && (
          <Tile id="odometer" label={t('home.odometer')} signal={odometer}>
            {odometer.value === null ? '–' : f.distanceKm(odometer.value).text}
          </Tile>
        )}
      </div>
    </div>
  );
}

function Tile({ id, label, signal, children }: { id: string; label: string; signal: LiveSignal<number | boolean | string>; children: ReactNode }) {
  return (
    <div className={styles.tile} data-testid={id} data-freshness={signal.freshness}>
      <span className={styles.tileLabel}>{label}</span>
      <span className={styles.tileValue}>{children}</span>
      <LiveAge signal={signal} />
    </div>
  );
}
