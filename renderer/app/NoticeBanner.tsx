// Shows notices the host raised (e.g. settings restored after corruption) until the driver dismisses them.
import { useTranslation } from 'react-i18next';
import { selectNotices } from '../../shared/state/uiSlice';
import { Button } from '../components/Button';
import { useBridge } from './bridgeContext';
import { useAppSelector } from './store';
import styles from './NoticeBanner.module.css';

export function NoticeBanner() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const notices = useAppSelector(selectNotices);
  if (notices.length === 0) return null;
  return (
    <div className={styles.list}>
      {notices.map((notice) => (
        <div key={notice.id} className={styles.notice} role="alert">
          <span className={styles.text}>{t(`notices.${notice.code}`)}</span>
          <Button onClick={() => void bridge.invoke('notices.dismiss', { id: notice.id })}>{t('notices.dismiss')}</Button>
        </div>
      ))}
    </div>
  );
}
