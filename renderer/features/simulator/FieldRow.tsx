// A labelled entry field on one row, with room after it for an Apply button or a toggle; disabled (and pointing at the reason) while typing is restricted.
import type { ReactNode } from 'react';
import styles from './SimulatorScreen.module.css';

interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'number' | 'text';
  /** Typing is not available now (the driving-restriction engine decided). */
  disabled?: boolean;
  /** Id of the element that says why the field is disabled. */
  describedBy?: string;
  /** Extra controls after the input (a second input, a toggle). */
  children?: ReactNode;
}

export function FieldRow({ id, label, value, onChange, type = 'number', disabled = false, describedBy, children }: Props) {
  return (
    <div className={styles.row}>
      <label className={styles.label} htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className={styles.input}
        type={type}
        inputMode={type === 'number' ? 'decimal' : 'text'}
        step={type === 'number' ? 'any' : undefined}
        value={value}
        disabled={disabled}
        aria-describedby={disabled ? describedBy : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {children}
    </div>
  );
}
