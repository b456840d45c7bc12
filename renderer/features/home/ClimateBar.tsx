// The climate bar, always at hand on Home: the driver's setpoint and fan through the vehicle's write path (allowed while driving), and the way to the details.
import { Fan, Info, Thermometer } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { selectBrandFeatures } from '../../../shared/state/brandSlice';
import { selectVehiclePaths } from '../../../shared/state/vehicleSlice';
import { useBridge } from '../../app/bridgeContext';
import { useAppSelector } from '../../app/store';
import { useFormatters } from '../../app/useFormatters';
import { Button } from '../../components/Button';
import { HOME_PATHS as P } from './homePaths';
import { useSignal } from './useSignal';
import styles from './HomeScreen.module.css';

/** Setpoints a cabin heater and air conditioning can hold; the car's own limits may be narrower. */
export const SETPOINT_C = { min: 16, max: 28, step: 1 } as const;
export const FAN_PERCENT = { min: 0, max: 100, step: 10 } as const;

type Control = 'setpoint' | 'fan';

export function ClimateBar({ now, onOpenDetails, detailsOpen }: { now: number; onOpenDetails: () => void; detailsOpen: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const bridge = useBridge();
  const features = useAppSelector(selectBrandFeatures);
  const mapped = new Set(useAppSelector(selectVehiclePaths));
  const setpoint = useSignal<number>(P.setpoint, now);
  const fan = useSignal<number>(P.fan, now);
  // What was asked for, until the car's read-back shows it (or the request fails).
  const [pending, setPending] = useState<Partial<Record<Control, number>>>({});
  const [problem, setProblem] = useState<string | null>(null);

  const shownSetpoint = pending.setpoint ?? setpoint.value;
  const shownFan = pending.fan ?? fan.value;
  const climate = features.climate && (mapped.has(P.setpoint) || mapped.has(P.fan));

  const send = async (control: Control, value: number) => {
    setPending((p) => ({ ...p, [control]: value }));
    setProblem(null);
    const result = await bridge.invoke('vehicle.command', { targets: { [control === 'setpoint' ? P.setpoint : P.fan]: value }, feature: 'climate' });
    setPending((p) => {
      const next = { ...p };
      delete next[control];
      return next;
    });
    if (!result.ok) setProblem(result.error.reason ? t(result.error.reason.key as never, result.error.reason.params) : t('home.climate.failed'));
  };

  const clamp = (value: number, limits: { min: number; max: number }) => Math.min(limits.max, Math.max(limits.min, value));

  return (
    <section className={styles.climate} aria-label={t('home.climate.title')} data-testid="climate-bar">
      {climate && mapped.has(P.setpoint) && (
        <div className={styles.control} role="group" aria-label={t('home.climate.setpoint')}>
          <Thermometer className={styles.controlIcon} aria-hidden="true" />
          <Button
            aria-label={t('home.climate.cooler')}
            disabled={shownSetpoint === null || shownSetpoint <= SETPOINT_C.min}
            onClick={() => shownSetpoint !== null && void send('setpoint', clamp(shownSetpoint - SETPOINT_C.step, SETPOINT_C))}
          >
            {'−'}
          </Button>
          <output className={styles.controlValue} data-testid="setpoint" data-freshness={setpoint.freshness} data-pending={pending.setpoint !== undefined}>
            {shownSetpoint === null ? '–' : f.temperature(shownSetpoint).text}
          </output>
          <Button
            aria-label={t('home.climate.warmer')}
            disabled={shownSetpoint === null || shownSetpoint >= SETPOINT_C.max}
            onClick={() => shownSetpoint !== null && void send('setpoint', clamp(shownSetpoint + SETPOINT_C.step, SETPOINT_C))}
          >
            {'+'}
          </Button>
        </div>
      )}
      {climate && mapped.has(P.fan) && (
        <div className={styles.control} role="group" aria-label={t('home.climate.fan')}>
          <Fan className={styles.controlIcon} aria-hidden="true" />
          <Button
            aria-label={t('home.climate.fanDown')}
            disabled={shownFan === null || shownFan <= FAN_PERCENT.min}
            onClick={() => shownFan !== null && void send('fan', clamp(shownFan - FAN_PERCENT.step, FAN_PERCENT))}
          >
            {'−'}
          </Button>
          <output className={styles.controlValue} data-testid="fan" data-freshness={fan.freshness} data-pending={pending.fan !== undefined}>
            {shownFan === null ? '–' : shownFan === 0 ? t('home.climate.fanOff') : f.percent(shownFan).text}
          </output>
          <Button
            aria-label={t('home.climate.fanUp')}
            disabled={shownFan === null || shownFan >= FAN_PERCENT.max}
            onClick={() => shownFan !== null && void send('fan', clamp(shownFan + FAN_PERCENT.step, FAN_PERCENT))}
          >
            {'+'}
          </Button>
        </div>
      )}
      {problem && (
        <p className={styles.climateProblem} role="alert">
          {problem}
        </p>
      )}
      <Button className={styles.detailsButton} onClick={onOpenDetails} aria-expanded={detailsOpen} aria-haspopup="dialog">
        <span className={styles.buttonContent}>
          <Info aria-hidden="true" />
          {t('home.details.open')}
        </span>
      </Button>
    </section>
  );
}
