// A screen's message when there is nothing to show yet.
import styles from './EmptyState.module.css';

export function EmptyState({ title, message }: { title: string; message: string }) {
  return (
    <section className={styles.empty} aria-label={title}>
      <h1 className={styles.title}>{title}</h1>
      <p className={styles.message}>{message}</p>
    </section>
  );
}
