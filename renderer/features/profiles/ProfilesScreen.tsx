// Driver profiles: who drives, how applying their settings went, and the profiles to choose, create, edit or delete (parked only).
import { CarFront } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PROFILES } from '../../../shared/profiles/profileSchema';
import { selectProfilesState } from '../../../shared/state/profilesSlice';
import { Button } from '../../components/Button';
import { RestrictedNotice } from '../../components/RestrictedNotice';
import { useAppSelector } from '../../app/store';
import { useRestriction } from '../../app/useRestriction';
import { CreateProfile } from './CreateProfile';
import { ProfileDetail } from './ProfileDetail';
import { ProfileEditor } from './ProfileEditor';
import { ProfileBadge } from './ProfileBadge';
import { ProfileNotices } from './ProfileNotices';
import { useProfileIntent } from './useProfileIntent';
import styles from './ProfilesScreen.module.css';

type View = { kind: 'list' } | { kind: 'create' } | { kind: 'edit'; id: string };

export function ProfilesScreen() {
  const { t } = useTranslation();
  const state = useAppSelector(selectProfilesState);
  const setup = useRestriction('noSetup');
  const { run, message } = useProfileIntent();
  const [view, setView] = useState<View>({ kind: 'list' });
  const [chosen, setChosen] = useState<string | null>(null);
  const { profiles, activeId } = state;
  const active = profiles.find((p) => p.id === activeId) ?? null;
  const selected = profiles.find((p) => p.id === chosen) ?? active ?? profiles[0] ?? null;

  if (view.kind === 'create') {
    return (
      <CreateProfile
        onDone={(id) => {
          setChosen(id);
          setView(id ? { kind: 'edit', id } : { kind: 'list' });
        }}
      />
    );
  }
  if (view.kind === 'edit' && profiles.some((p) => p.id === view.id)) {
    return <ProfileEditor id={view.id} onBack={() => setView({ kind: 'list' })} />;
  }

  return (
    <section className={styles.screen} aria-labelledby="profiles-title">
      <header className={styles.header}>
        <h1 id="profiles-title" className={styles.title}>
          {t('profiles.title')}
        </h1>
        <p className={styles.driving} data-testid="profiles-driving">
          {active ? t('profiles.drivingNow', { name: active.name }) : t('profiles.guestDriving')}
        </p>
        <Button onClick={() => void run('profiles.picker', { open: true })} disabled={profiles.length === 0}>
          {t('profiles.switchDriver')}
        </Button>
        <Button variant="primary" disabled={setup.restricted || profiles.length >= MAX_PROFILES} onClick={() => setView({ kind: 'create' })}>
          {t('profiles.new')}
        </Button>
      </header>
      {setup.restricted && <RestrictedNotice reason={setup.reason} testId="profiles-restricted" />}
      <ProfileNotices />
      {message && (
        <p className={styles.error} role="alert">
          {message}
        </p>
      )}
      {profiles.length === 0 ? (
        <p className={styles.empty}>{t('profiles.empty')}</p>
      ) : (
        <div className={styles.body}>
          <ul className={styles.cards} aria-label={t('profiles.list')}>
            {profiles.map((p) => (
              <li key={p.id}>
                <Button className={styles.card} variant={p.id === selected?.id ? 'selected' : 'plain'} aria-pressed={p.id === selected?.id} onClick={() => setChosen(p.id)}>
                  <ProfileBadge name={p.name} colour={p.colour} />
                  <span className={styles.cardName} translate="no">
                    {p.name}
                  </span>
                  {p.id === activeId && <CarFront className={styles.drivingIcon} role="img" aria-label={t('profiles.drivingBadge')} />}
                </Button>
              </li>
            ))}
          </ul>
          {selected && <ProfileDetail profile={selected} onEdit={() => setView({ kind: 'edit', id: selected.id })} />}
        </div>
      )}
    </section>
  );
}
