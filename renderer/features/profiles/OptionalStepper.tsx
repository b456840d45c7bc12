// A stepper over a value a profile may leave unset: "not set" until the driver presses − or +, then in steps within range.
import { Stepper } from '../../components/Stepper';

interface Props {
  label: string;
  value: number | null;
  /** Shown for a set value, e.g. "22 °C", "180 mm". */
  format: (value: number) => string;
  notSetText: string;
  min: number;
  max: number;
  step: number;
  /** Where the first press starts (the car's current value, or the middle of the range). */
  start: number;
  decreaseLabel: string;
  increaseLabel: string;
  disabled?: boolean;
  onChange: (value: number) => void;
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));
const onStep = (v: number, step: number) => Number((Math.round(v / step) * step).toFixed(2));

export function OptionalStepper(props: Props) {
  const { value, min, max, step, start, disabled } = props;
  const from = value ?? clamp(onStep(start, step), min, max);
  const next = (direction: 1 | -1) => (value === null ? from : clamp(onStep(value + direction * step, step), min, max));
  return (
    <Stepper
      label={props.label}
      valueText={value === null ? props.notSetText : props.format(value)}
      decreaseLabel={props.decreaseLabel}
      increaseLabel={props.increaseLabel}
      canDecrease={!disabled && (value === null || value > min)}
      canIncrease={!disabled && (value === null || value < max)}
      onDecrease={() => props.onChange(next(-1))}
      onIncrease={() => props.onChange(next(1))}
    />
  );
}
