// A labelled entry field on one row, with room after it for an Apply button or a toggle.
import type { ReactNode } from 'react';
import styles from './SimulatorScreen.module.css';

interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'number' | 'text';
  /** Extra controls after the input (a second input, a toggle). */
  children?: ReactNode;
}

export function FieldRow({ id, label, value, onChange, type = 'number', children }: Props) {
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
        onChange={(event) => onChange(event.target.value)}
      />
      {children}
    </div>
  );
}
