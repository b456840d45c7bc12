// The developer notice shown when the requested brand pack could not be used and the default brand stands in: what was asked for, and why not.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { selectBrandFallback } from '../../shared/state/brandSlice';
import { Button } from '../components/Button';
import { useAppSelector } from './store';
import styles from './BrandNotice.module.css';

export function BrandNotice() {
  const { t } = useTranslation();
  const fallback = useAppSelector(selectBrandFallback);
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (!fallback || dismissed === fallback.reason) return null;
  return (
    // Floats over the screen so the layout below stays as designed; the reason is technical, for the developer.
    <div className={styles.notice} role="alert" data-testid="brand-notice">
      <p className={styles.text}>
        <strong className={styles.title}>{t('brandNotice.title', { requested: fallback.requested })}</strong>
        <span className={styles.reason} translate="no">
          {fallback.reason}
        </span>
      </p>
      <Button onClick={() => setDismissed(fallback.reason)}>{t('notices.dismiss')}</Button>
    </div>
  );
}
