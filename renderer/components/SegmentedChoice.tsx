// One row of mutually exclusive choices (a radio group drawn as big touch buttons).
import { Button } from './Button';
import styles from './SegmentedChoice.module.css';

interface Option<T extends string> {
  value: T;
  label: string;
}

interface Props<T extends string> {
  label: string;
  value: T;
  options: Array<Option<T>>;
  onChange: (value: T) => void;
  disabled?: boolean;
}

export function SegmentedChoice<T extends string>({ label, value, options, onChange, disabled }: Props<T>) {
  return (
    <div className={styles.row} role="radiogroup" aria-label={label}>
      <span className={styles.label}>{label}</span>
      <div className={styles.options}>
        {options.map((option) => (
          <Button
            key={option.value}
            role="radio"
            aria-checked={option.value === value}
            variant={option.value === value ? 'selected' : 'plain'}
            disabled={disabled}
            onClick={() => option.value !== value && onChange(option.value)}
          >
            {option.label}
          </Button>
        ))}
      </div>
    </div>
  );
}
