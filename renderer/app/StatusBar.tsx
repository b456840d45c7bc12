// The status bar: clock in the driver's format, vehicle-link state, and the simulation badge.
import { useTranslation } from 'react-i18next';
import { selectGatewayLink } from '../../shared/state/connectionSlice';
import { useAppSelector } from './store';
import { useFormatters } from './useFormatters';
import styles from './StatusBar.module.css';

export function StatusBar({ now }: { now: number }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const link = useAppSelector(selectGatewayLink);
  const mode = useAppSelector((s) => s.ui.app.mode);
  return (
    <header className={styles.bar}>
      <time className={styles.clock} aria-label={t('status.clock')} dateTime={new Date(now).toISOString()}>
        {format.time(now)}
      </time>
      <span className={styles.link} data-status={link.status} role="status">
        {t(`status.gateway.${link.status}`)}
      </span>
      {mode === 'simulation' && <span className={styles.badge}>{t('status.simulation')}</span>}
    </header>
  );
}
