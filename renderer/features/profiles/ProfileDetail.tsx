// One profile beside the list: drive as it, edit or delete it (parked only, with confirmation), and, while it drives, how applying went.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { selectProfilesState, type ProfileView } from '../../../shared/state/profilesSlice';
import { Button } from '../../components/Button';
import { useAppSelector } from '../../app/store';
import { useRestriction } from '../../app/useRestriction';
import { ApplyStatus } from './ApplyStatus';
import { ProfileBadge } from './ProfileBadge';
import { useProfileIntent } from './useProfileIntent';
import styles from './ProfileDetail.module.css';

export function ProfileDetail({ profile, onEdit }: { profile: ProfileView; onEdit: () => void }) {
  const { t } = useTranslation();
  const { activeId, application, fired, suggestions } = useAppSelector(selectProfilesState);
  const setup = useRestriction('noSetup');
  const { run, message } = useProfileIntent();
  const [confirming, setConfirming] = useState(false);
  const driving = profile.id === activeId;

  return (
    <aside className={styles.detail} aria-labelledby="profile-detail-name" data-testid="profile-detail">
      <header className={styles.header}>
        <ProfileBadge name={profile.name} colour={profile.colour} size="large" />
        <div className={styles.who}>
          <h2 id="profile-detail-name" className={styles.name} translate="no">
            {profile.name}
          </h2>
          <p className={styles.fobs}>
            {profile.keyFobs.length ? t('profiles.fobs.paired', { fobs: profile.keyFobs.join(', ') }) : t('profiles.fobs.none')}
          </p>
        </div>
      </header>
      {confirming ? (
        <div className={styles.confirm} role="alertdialog" aria-labelledby="delete-question">
          <p id="delete-question" className={styles.question}>
            {t('profiles.delete.question', { name: profile.name })}
          </p>
          <div className={styles.actions}>
            <Button
              className={styles.danger}
              disabled={setup.restricted}
              onClick={async () => {
                if (await run('profiles.delete', { id: profile.id })) setConfirming(false);
              }}
            >
              {t('profiles.delete.confirm')}
            </Button>
            <Button onClick={() => setConfirming(false)}>{t('profiles.delete.keep')}</Button>
          </div>
        </div>
      ) : (
        <div className={styles.actions}>
          {!driving && (
            <Button variant="primary" onClick={() => void run('profiles.activate', { id: profile.id })}>
              {t('profiles.driveAs', { name: profile.name })}
            </Button>
          )}
          <Button disabled={setup.restricted} onClick={onEdit}>
            {t('profiles.edit')}
          </Button>
          <Button disabled={setup.restricted} onClick={() => setConfirming(true)}>
            {t('profiles.delete.button')}
          </Button>
        </div>
      )}
      {message && (
        <p className={styles.error} role="alert">
          {message}
        </p>
      )}
      {driving && application && (
        <>
          <h3 className={styles.subtitle}>{t('profiles.apply.title')}</h3>
          <ApplyStatus settings={application.settings} fired={fired} onRetry={() => void run('profiles.retry', {})} />
        </>
      )}
      {driving && suggestions.length > 0 && !setup.restricted && (
        <p className={styles.suggestion} data-testid="suggestion-hint">
          {t('profiles.suggestions.hint', { count: suggestions.length })}
        </p>
      )}
    </aside>
  );
}
