// The inject/clear button of one fault: it says which way it will switch, and its pressed state shows the fault is active.
import { Button } from '../../components/Button';

interface Props {
  active: boolean;
  label: string;
  ariaLabel: string;
  onClick?: () => void;
  /** Inside a form the toggle submits it, so Enter in the fault's field injects it too. */
  submit?: boolean;
}

export function FaultToggle({ active, label, ariaLabel, onClick, submit = false }: Props) {
  return (
    <Button
      type={submit ? 'submit' : 'button'}
      variant={active ? 'selected' : 'plain'}
      aria-pressed={active}
      aria-label={ariaLabel}
      onClick={onClick}
    >
      {label}
    </Button>
  );
}
