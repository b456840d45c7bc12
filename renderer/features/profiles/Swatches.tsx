// A row of colour swatches to choose one from (a radio group of touch-sized buttons), optionally with "none".
import { Button } from '../../components/Button';
import styles from './Swatches.module.css';

interface Props<T extends string> {
  label: string;
  value: T | null;
  options: ReadonlyArray<{ value: T; swatch: string; label: string }>;
  /** Label of the "no colour" choice; absent when a colour is required. */
  noneLabel?: string;
  disabled?: boolean;
  onChange: (value: T | null) => void;
}

export function Swatches<T extends string>({ label, value, options, noneLabel, disabled, onChange }: Props<T>) {
  return (
    <div className={styles.row} role="radiogroup" aria-label={label}>
      <span className={styles.label}>{label}</span>
      <div className={styles.options}>
        {noneLabel && (
          <Button role="radio" aria-checked={value === null} variant={value === null ? 'selected' : 'plain'} disabled={disabled} onClick={() => onChange(null)}>
            {noneLabel}
          </Button>
        )}
        {options.map((option) => (
          <button
            key={option.value}
            type="button"
            role="radio"
            aria-checked={option.value === value}
            aria-label={option.label}
            className={`${styles.swatch} ${option.value === value ? styles.chosen : ''}`}
            style={{ background: option.swatch }}
            disabled={disabled}
            onClick={() => onChange(option.value)}
          />
        ))}
      </div>
    </div>
  );
}
