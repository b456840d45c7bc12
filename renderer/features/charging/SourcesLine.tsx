// Where the results come from and how old that is: live operators with their age, or the cached copy when a source is down, or the shipped offline data.
import { useTranslation } from 'react-i18next';
import { selectStationSources } from '../../../shared/state/stationsSlice';
import { useAppSelector } from '../../app/store';
import { DataText } from '../../components/DataText';
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
          <DataText i18nKey={s.error ? 'charging.source.liveCached' : 'charging.source.live'} values={{ age: age(s.fetchedSeenAt) }} data={{ source: s.source }} />
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
