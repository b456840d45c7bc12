// The big Apply button of a panel form; its accessible name says what it applies.
import { Button } from '../../components/Button';

export function ApplyButton({ label, ariaLabel }: { label: string; ariaLabel: string }) {
  return (
    <Button type="submit" variant="primary" aria-label={ariaLabel}>
      {label}
    </Button>
  );
}
