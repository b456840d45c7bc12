// "Who is driving?": at start-up, on an unknown key fob, on two fobs at once, or when asked; choosing applies that profile (or the guest).
import { UserRound, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { selectProfilesState } from '../../../shared/state/profilesSlice';
import { Button } from '../../components/Button';
import { useAppSelector } from '../../app/store';
import { ProfileBadge } from './ProfileBadge';
import { ProfileNotices } from './ProfileNotices';
import { useProfileIntent } from './useProfileIntent';
import styles from './ProfilePicker.module.css';

export function ProfilePicker() {
  const { t } = useTranslation();
  const { picker, profiles, activeId } = useAppSelector(selectProfilesState);
  const { run, message } = useProfileIntent();
  if (!picker.open) return null;
  const cause =
    picker.cause === 'unknownFob'
      ? t('profiles.picker.unknownFob', { fob: picker.fob ?? 0 })
      : picker.cause === 'twoFobs'
        ? t('profiles.picker.twoFobs', { fobs: (picker.fobs ?? []).join(t('profiles.picker.and')) })
        : t('profiles.picker.question');
  return (
    <div className={styles.scrim}>
      <section className={styles.sheet} role="dialog" aria-modal="true" aria-labelledby="picker-title" data-testid="profile-picker" data-cause={picker.cause}>
        <header className={styles.header}>
          <h2 id="picker-title" className={styles.title}>
            {t('profiles.picker.title')}
          </h2>
          <Button aria-label={t('profiles.picker.close')} onClick={() => void run('profiles.picker', { open: false })}>
            <X aria-hidden="true" />
          </Button>
        </header>
        <p className={`${styles.cause} ${picker.cause === 'twoFobs' || picker.cause === 'unknownFob' ? styles.warn : ''}`} role="status">
          {cause}
        </p>
        {/* At start-up this is the first thing the driver sees: a profile restored or kept aside is said here. */}
        <ProfileNotices />
        <div className={styles.choices}>
          {profiles.map((p) => (
            <Button key={p.id} className={styles.choice} variant={p.id === activeId ? 'selected' : 'plain'} onClick={() => void run('profiles.activate', { id: p.id })}>
              <ProfileBadge name={p.name} colour={p.colour} />
              <span className={styles.name} translate="no">
                {p.name}
              </span>
            </Button>
          ))}
          <Button className={styles.choice} variant={activeId === null ? 'selected' : 'plain'} onClick={() => void run('profiles.activate', { id: null })}>
            <UserRound aria-hidden="true" />
            <span className={styles.name}>{t('profiles.guest')}</span>
          </Button>
        </div>
        <p className={styles.hint}>{t('profiles.picker.guestHint')}</p>
        {message && (
          <p className={styles.error} role="alert">
            {message}
          </p>
        )}
      </section>
    </div>
  );
}
