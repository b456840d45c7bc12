// Previous / "page 2 of 7" / Next under a list that pages instead of scrolling: a glance shows there is more.
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { Button } from './Button';
import styles from './Pager.module.css';

interface Props {
  /** 0-based. */
  page: number;
  pages: number;
  onPage: (page: number) => void;
  /** "Page 2 of 7", translated by the screen. */
  label: string;
  previousLabel: string;
  nextLabel: string;
}

export function Pager({ page, pages, onPage, label, previousLabel, nextLabel }: Props) {
  return (
    <div className={styles.pager} role="group" aria-label={label}>
      <Button aria-label={previousLabel} disabled={page <= 0} onClick={() => onPage(page - 1)}>
        <ChevronLeft aria-hidden="true" />
      </Button>
      <span className={styles.position} aria-live="polite">
        {label}
      </span>
      <Button aria-label={nextLabel} disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>
        <ChevronRight aria-hidden="true" />
      </Button>
    </div>
  );
}
