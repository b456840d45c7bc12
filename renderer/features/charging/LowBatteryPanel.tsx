// Home's low-battery options: the warning (amber, red at the critical threshold), why, and the best three reachable stations — one tap opens one — until dismissed for this crossing.
import { BatteryWarning } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { selectEffectivePreferences } from '../../../shared/state/profilesSlice';
import { selectAssistant } from '../../../shared/state/stationsSlice';
import { Button } from '../../components/Button';
import { useAppSelector } from '../../app/store';
import { useFormatters } from '../../app/useFormatters';
import { distanceText, minutes, standardName, statusWithAge } from './format';
import { selectStation } from './selection';
import { useStationsIntent } from './useStationsIntent';
import { isSwapOption, openSwapOption, swapOptionLine } from '../swap';
import styles from './LowBatteryPanel.module.css';

export function LowBatteryPanel({ now, navigate }: { now: number; navigate(id: string): void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const assistant = useAppSelector(selectAssistant);
  const unit = useAppSelector((s) => selectEffectivePreferences(s).distanceUnit);
  const { run, message } = useStationsIntent();
  if (assistant.status !== 'warning') return null;
  const openStation = (key: string | null) => {
    // A swap station (the swap provider's option) opens on the Swap screen, its terms and Book one tap away.
    if (key && isSwapOption(key)) {
      openSwapOption(key);
      navigate('swap');
      return;
    }
    selectStation(key);
    navigate('charging');
  };
  const why =
    assistant.cause === 'arrival' && assistant.arrivalSoc !== null
      ? t('charging.assistant.arrivalCause', { soc: f.percent(assistant.socPercent).text, arrival: f.percent(assistant.arrivalSoc).text })
      : t('charging.assistant.socCause', { soc: f.percent(assistant.socPercent).text, threshold: f.percent(assistant.level === 'critical' ? assistant.criticalPercent : assistant.lowPercent).text });
  return (
    <section className={styles.panel} data-level={assistant.level} aria-labelledby="low-battery-title" data-testid="low-battery-panel">
      <header className={styles.header}>
        <BatteryWarning className={styles.icon} aria-hidden="true" />
        <div className={styles.titles}>
          <h2 id="low-battery-title" className={styles.title}>
            {t(assistant.level === 'critical' ? 'charging.assistant.critical' : 'charging.assistant.low')}
          </h2>
          <p className={styles.why}>{why}</p>
        </div>
        <Button onClick={() => void run('stations.assistant', { action: 'dismiss' })} data-testid="assistant-dismiss">
          {t('charging.assistant.dismiss')}
        </Button>
      </header>
      {message && (
        <p className={styles.error} role="alert">
          {message}
        </p>
      )}
      {assistant.options.length === 0 ? (
        <p className={styles.none}>{t('charging.assistant.noOptions')}</p>
      ) : (
        <ol className={styles.options} aria-label={t('charging.assistant.options')}>
          {assistant.options.map((o) => (
            <li key={`${o.provider}:${o.key}`}>
              <Button className={styles.option} onClick={() => openStation(o.key)} data-testid="assistant-option" data-key={o.key}>
                <span className={styles.optionName} translate="no">
                  {o.name}
                </span>
                <span className={styles.optionFacts}>
                  <span>{distanceText(t, f.number, o.distance_m, unit)}</span>
                  <span className={styles.optionArrival}>{t('charging.list.arrival', { soc: f.percent(o.arrival_soc).text })}</span>
                  {o.drive_minutes !== undefined && o.stop_minutes !== undefined && (
                    <span>{t('charging.list.onTheWay', { minutes: minutes(o.drive_minutes + o.stop_minutes) })}</span>
                  )}
                </span>
                <span className={styles.optionFacts}>
                  <span>{o.provider === 'swap' ? swapOptionLine(t, o) : t('charging.list.connector', { standard: standardName(t, o.standard), power: f.powerKw(o.power_w / 1000).text })}</span>
                  <span data-status={o.status}>{statusWithAge(t, o.status, o.statusSeenAt, now)}</span>
                </span>
              </Button>
            </li>
          ))}
        </ol>
      )}
      <Button onClick={() => openStation(null)}>{t('charging.assistant.allStations')}</Button>
    </section>
  );
}
