// A radio row of choices sent the moment they are tapped; unlike SegmentedChoice, none need be selected and its label is narrower.
import { Button } from '../../components/Button';
import styles from './SimulatorScreen.module.css';

interface ChoiceRowProps<T extends string> {
  label: string;
  options: Array<{ value: T; label: string }>;
  current: T | null;
  onChoose: (value: T) => void;
}

export function ChoiceRow<T extends string>({ label, options, current, onChoose }: ChoiceRowProps<T>) {
  return (
    <div className={styles.row} role="radiogroup" aria-label={label}>
      <span className={styles.label}>{label}</span>
      <div className={styles.buttons}>
        {options.map((option) => (
          <Button
            key={option.value}
            role="radio"
            aria-checked={option.value === current}
            variant={option.value === current ? 'selected' : 'plain'}
            onClick={() => onChoose(option.value)}
          >
            {option.label}
          </Button>
        ))}
      </div>
    </div>
  );
}
