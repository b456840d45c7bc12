// The big Apply button of a panel form; its accessible name says what it applies.
import { Button } from '../../components/Button';

export function ApplyButton({ label, ariaLabel, disabled = false }: { label: string; ariaLabel: string; disabled?: boolean }) {
  return (
    <Button type="submit" variant="primary" aria-label={ariaLabel} disabled={disabled}>
      {label}
    </Button>
  );
}
