// A value's age once it stopped arriving ("12 s ago"), or "No data" when none ever came: shown beside the greyed value.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { LiveSignal } from './useSignal';
import styles from './HomeScreen.module.css';

export function LiveAge({ signal }: { signal: LiveSignal<number | boolean | string> }) {
  const { t } = useTranslation();
  if (signal.freshness === 'fresh') return null;
  if (signal.value === null) return <span className={styles.noData}>{t('home.noData')}</span>;
  return <span className={styles.age}>{t('home.staleFor', { age: formatAge(signal.ageMs, t) })}</span>;
}

/** Seconds under a minute, then minutes, then hours: an age a glance can read. */
export function formatAge(ms: number, t: TFunction): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return t('home.ageSeconds', { count: seconds });
  if (seconds < 3600) return t('home.ageMinutes', { count: Math.floor(seconds / 60) });
  return t('home.ageHours', { count: Math.floor(seconds / 3600) });
}
