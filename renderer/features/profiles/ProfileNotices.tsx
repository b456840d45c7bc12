// What the profile store had to tell the driver: a profile restored from its last good copy, one kept aside unread, one not saved yet.
import { useTranslation } from 'react-i18next';
import { selectProfilesState } from '../../../shared/state/profilesSlice';
import { Button } from '../../components/Button';
import { useAppSelector } from '../../app/store';
import { useProfileIntent } from './useProfileIntent';
import styles from './ProfileNotices.module.css';

export function ProfileNotices() {
  const { t } = useTranslation();
  const { notices } = useAppSelector(selectProfilesState);
  const { run } = useProfileIntent();
  if (notices.length === 0) return null;
  return (
    <ul className={styles.notices}>
      {notices.map((n) => (
        <li key={n.id} className={styles.notice} role="alert" data-testid="profiles-notice" data-code={n.code}>
          <span className={styles.text}>{t(`profiles.notices.${n.code}`, { name: n.profileName ?? '' })}</span>
          <Button onClick={() => void run('profiles.dismissNotice', { id: n.id })}>{t('notices.dismiss')}</Button>
        </li>
      ))}
    </ul>
  );
}
