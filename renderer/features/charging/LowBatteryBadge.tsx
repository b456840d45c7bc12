// The status bar's low-battery warning: amber at the driver's threshold, red at the critical one, on every screen (also once the options were dismissed).
import { BatteryWarning } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { selectAssistant } from '../../../shared/state/stationsSlice';
import { useAppSelector } from '../../app/store';
import { useFormatters } from '../../app/useFormatters';
import styles from './LowBatteryBadge.module.css';

export function LowBatteryBadge() {
  const { t } = useTranslation();
  const f = useFormatters();
  const enabled = useAppSelector((s) => s.stations.enabled);
  const assistant = useAppSelector(selectAssistant);
  if (!enabled || assistant.status !== 'warning') return null;
  return (
    <span className={styles.badge} data-level={assistant.level} role="status" data-testid="low-battery-badge">
      <BatteryWarning className={styles.icon} aria-hidden="true" />
      {t(assistant.level === 'critical' ? 'charging.assistant.badgeCritical' : 'charging.assistant.badgeLow', { soc: f.percent(assistant.socPercent).text })}
    </span>
  );
}
