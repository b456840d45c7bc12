// The battery drawn in its state's colour: charging, full enough, low (amber) or critical (red) — icons only take 3:1 colours.
import { Battery, BatteryCharging, BatteryFull, BatteryLow, BatteryMedium, BatteryWarning } from 'lucide-react';
import type { BatteryLevel } from './batteryLevel';
import styles from './HomeScreen.module.css';

export function BatteryIcon({ level, soc, charging }: { level: BatteryLevel; soc: number | null; charging: boolean }) {
  const Icon = charging ? BatteryCharging : level === 'critical' ? BatteryWarning : level === 'low' ? BatteryLow : soc === null ? Battery : soc >= 70 ? BatteryFull : BatteryMedium;
  return <Icon className={styles.batteryIcon} data-level={level} aria-hidden="true" />;
}
