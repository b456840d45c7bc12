// Asks once per driver before the car's position leaves the car for an online station service (Open Charge Map); the answer is kept in their profile.
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { useAppSelector } from '../../app/store';
import { useStationsIntent } from './useStationsIntent';
import styles from './ChargingScreen.module.css';

export function ConsentPrompt() {
  const { t } = useTranslation();
  const consent = useAppSelector((s) => s.stations.consent);
  const { run, message } = useStationsIntent();
  if (!consent.needed || consent.state !== 'unknown') return null;
  return (
    <section className={styles.consent} aria-labelledby="consent-title" data-testid="position-consent">
      <p id="consent-title" className={styles.consentText}>
        {message ?? t('charging.consent.question')}
      </p>
      <Button variant="primary" onClick={() => void run('stations.consent', { allow: true })}>
        {t('charging.consent.allow')}
      </Button>
      <Button onClick={() => void run('stations.consent', { allow: false })}>{t('charging.consent.refuse')}</Button>
    </section>
  );
}
