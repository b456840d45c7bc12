// Says why a control or a text is unavailable right now (the driving-restriction engine decided), in place of it.
import styles from './RestrictedNotice.module.css';

export function RestrictedNotice({ reason, testId }: { reason: string; testId?: string }) {
  return (
    <p className={styles.notice} role="status" data-testid={testId}>
      {reason}
    </p>
  );
}
