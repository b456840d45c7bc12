// Where the results come from and how old that is: live operators with their age, or the cached copy when a source is down, or the shipped offline data.
import { useTranslation } from 'react-i18next';
import { selectStationSources } from '../../../shared/state/stationsSlice';
import { useAppSelector } from '../../app/store';
import { ageText } from './format';
import styles from './ChargingScreen.module.css';

export function SourcesLine({ now }: { now: number }) {
  const { t } = useTranslation();
  const sources = useAppSelector(selectStationSources);
  const live = sources.filter((s) => s.kind === 'live');
  const offline = sources.find((s) => s.kind === 'offline');
  const age = (seenAt: number | null) => (seenAt === null ? t('charging.age.never') : ageText(t, seenAt, now));
  return (
    <p className={styles.sources} data-testid="stations-sources">
      {live.map((s) => (
        <span key={s.source} className={styles.source} data-testid={`source-${s.source}`} data-state={s.error ? 'cached' : 'live'}>
          {s.error ? t('charging.source.liveCached', { source: s.source, age: age(s.fetchedSeenAt) }) : t('charging.source.live', { source: s.source, age: age(s.fetchedSeenAt) })}
        </span>
      ))}
      {offline && (
        <span className={styles.source} data-testid="source-offline">
          {t('charging.source.offline', { age: age(offline.fetchedSeenAt) })}
        </span>
      )}
    </p>
  );
}
