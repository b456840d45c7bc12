// The short, cancellable notice before a key fob's profile takes over: "Switching to Wang in 4 s", Cancel, Switch now.
import { useTranslation } from 'react-i18next';
import { selectProfilesState } from '../../../shared/state/profilesSlice';
import { Button } from '../../components/Button';
import { useAppSelector } from '../../app/store';
import { ProfileBadge } from './ProfileBadge';
import { useProfileIntent } from './useProfileIntent';
import styles from './SwitchNotice.module.css';

export function SwitchNotice({ now }: { now: number }) {
  const { t } = useTranslation();
  const { pendingSwitch, profiles } = useAppSelector(selectProfilesState);
  const { run } = useProfileIntent();
  const profile = pendingSwitch && profiles.find((p) => p.id === pendingSwitch.profileId);
  if (!pendingSwitch || !profile) return null;
  const seconds = Math.max(0, Math.ceil((pendingSwitch.dueAt - now) / 1000));
  return (
    <div className={styles.notice} role="alert" data-testid="switch-notice">
      <ProfileBadge name={profile.name} colour={profile.colour} />
      <span className={styles.text}>{t('profiles.switching', { name: profile.name, seconds })}</span>
      <Button onClick={() => void run('profiles.cancelSwitch', {})}>{t('profiles.cancelSwitch')}</Button>
      <Button variant="primary" onClick={() => void run('profiles.activate', { id: profile.id })}>
        {t('profiles.switchNow')}
      </Button>
    </div>
  );
}
