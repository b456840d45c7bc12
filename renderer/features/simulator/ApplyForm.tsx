// The form around one override or fault field, so Enter in the field does what its Apply button does.
import type { ReactNode } from 'react';
import styles from './SimulatorScreen.module.css';

export function ApplyForm({ onApply, children }: { onApply: () => void; children: ReactNode }) {
  return (
    <form
      className={styles.form}
      // The panel explains bad values itself, in the driver's language; the browser's own bubbles would not.
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onApply();
      }}
    >
      {children}
    </form>
  );
}
