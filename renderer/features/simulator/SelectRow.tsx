// A labelled drop-down on one row (signal paths, buses), with a placeholder so nothing is chosen by accident.
import type { ReactNode } from 'react';
import styles from './SimulatorScreen.module.css';

interface Props {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  options: readonly string[];
  onChange: (value: string) => void;
  children?: ReactNode;
}

export function SelectRow({ id, label, placeholder, value, options, onChange, children }: Props) {
  return (
    <div className={styles.row}>
      <label className={styles.label} htmlFor={id}>
        {label}
      </label>
      <select id={id} className={styles.select} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{placeholder}</option>
        {options.map((option) => (
          <option key={option} value={option} translate="no">
            {option}
          </option>
        ))}
      </select>
      {children}
    </div>
  );
}
