// One inspector row; it subscribes to its own signal so a value change re-renders that row, not the table.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { signalFreshness } from '../../../shared/state/vehicleSlice';
import { vssSignal } from '../../../shared/vehicle/catalog';
import { unitSymbol } from '../../../shared/vehicle/units';
import { useAppSelector } from '../../app/store';
import { DottedName } from './DottedName';
import { formatAgeSeconds, formatSignalValue } from './signalFormat';
import styles from './SimulatorScreen.module.css';

interface Props {
  path: string;
  now: number;
}

export const SignalRow = memo(function SignalRow({ path, now }: Props) {
  const { t, i18n } = useTranslation();
  const sample = useAppSelector((s) => s.vehicle.signals[path]);
  const source = useAppSelector((s) => s.vehicle.sources[path]);
  const signal = vssSignal(path);
  const freshness = signalFreshness(sample, now);
  const locale = i18n.language;
  return (
    <tr className={freshness === 'fresh' ? styles.fresh : styles.stale} data-path={path} data-freshness={freshness}>
      <td className={styles.pathCell}>
        <DottedName name={path} />
      </td>
      <td className={styles.valueCell} translate="no">{sample ? formatSignalValue(sample.value, signal, locale) : '–'}</td>
      <td className={styles.nowrap}>{unitSymbol(signal?.unit)}</td>
      <td className={styles.numberCell}>
        {sample ? t('simulator.inspector.ageValue', { seconds: formatAgeSeconds(now - sample.seenAt, locale) }) : '–'}
      </td>
      <td className={styles.nowrap}>{t(`simulator.inspector.${freshness}`)}</td>
      <td className={styles.sourceCell}>{source ? <DottedName name={source} /> : '–'}</td>
    </tr>
  );
});
