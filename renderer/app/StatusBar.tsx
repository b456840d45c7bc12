// The status bar: the brand's mark and name, the clock in the driver's format, vehicle-link state, and the simulation badge.
import { useTranslation } from 'react-i18next';
import type { ThemeMode } from '../../shared/brand/colorTokens';
import { selectBrand } from '../../shared/state/brandSlice';
import { selectGatewayLink } from '../../shared/state/connectionSlice';
import { LowBatteryBadge } from '../features/charging';
import { useAppSelector } from './store';
import { useFormatters } from './useFormatters';
import styles from './StatusBar.module.css';

export function StatusBar({ now, theme }: { now: number; theme: ThemeMode }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const link = useAppSelector(selectGatewayLink);
  const mode = useAppSelector((s) => s.ui.app.mode);
  const brand = useAppSelector(selectBrand);
  const name = i18n.language === 'zh-CN' ? brand.name['zh-CN'] : brand.name.en;
  // The night mark when the brand has one and the screen is dark.
  const mark = (theme === 'night' && brand.logos.markNight) || brand.logos.mark;
  return (
    <header className={styles.bar}>
      <span className={styles.brand}>
        {mark && <img className={styles.mark} src={mark} alt="" />}
        <span className={styles.name} data-testid="brand-name">
          {name}
        </span>
      </span>
      <time className={styles.clock} aria-label={t('status.clock')} dateTime={new Date(now).toISOString()}>
        {format.time(now)}
      </time>
      <span className={styles.link} data-status={link.status} role="status">
        {t(`status.gateway.${link.status}`)}
      </span>
      <LowBatteryBadge />
      {mode === 'simulation' && <span className={styles.badge}>{t('status.simulation')}</span>}
    </header>
  );
}
