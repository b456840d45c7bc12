// A value with − and + buttons: easier to hit than a slider on a moving car's touchscreen.
import { Button } from './Button';
import styles from './Stepper.module.css';

interface Props {
  label: string;
  valueText: string;
  decreaseLabel: string;
  increaseLabel: string;
  canDecrease: boolean;
  canIncrease: boolean;
  onDecrease: () => void;
  onIncrease: () => void;
}

export function Stepper(props: Props) {
  return (
    <div className={styles.row} role="group" aria-label={props.label}>
      <span className={styles.label}>{props.label}</span>
      <Button aria-label={props.decreaseLabel} disabled={!props.canDecrease} onClick={props.onDecrease}>
        {'−'}
      </Button>
      <output className={styles.value} aria-live="polite">
        {props.valueText}
      </output>
      <Button aria-label={props.increaseLabel} disabled={!props.canIncrease} onClick={props.onIncrease}>
        {'+'}
      </Button>
    </div>
  );
}
