// Text for screen readers and tests that the screen does not draw (a label the layout makes obvious, the page's heading).
import type { ReactNode } from 'react';
import styles from './VisuallyHidden.module.css';

export function VisuallyHidden({ children, as: Tag = 'span' }: { children: ReactNode; as?: 'span' | 'h1' | 'h2' }) {
  return <Tag className={styles.hidden}>{children}</Tag>;
}
