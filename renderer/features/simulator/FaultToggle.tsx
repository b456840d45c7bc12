// The inject/clear button of one fault: it says which way it will switch, and its pressed state shows the fault is active.
import { Button } from '../../components/Button';

interface Props {
  active: boolean;
  label: string;
  ariaLabel: string;
  onClick: () => void;
}

export function FaultToggle({ active, label, ariaLabel, onClick }: Props) {
  return (
    <Button
      variant={active ? 'selected' : 'plain'}
      aria-pressed={active}
      aria-label={ariaLabel}
      onClick={onClick}
    >
      {label}
    </Button>
  );
}
