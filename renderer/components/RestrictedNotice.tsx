// Says why a control or a text is unavailable right now (the driving-restriction engine decided), in place of it.
import styles from './RestrictedNotice.module.css';

interface Props {
  reason: string;
  testId?: string;
  /** Small, for a notice that sits among results (a list that must keep room for its rows), not in place of a whole panel. */
  compact?: boolean;
}

export function RestrictedNotice({ reason, testId, compact = false }: Props) {
  return (
    <p className={compact ? `${styles.notice} ${styles.compact}` : styles.notice} role="status" data-testid={testId}>
      {reason}
    </p>
  );
}
