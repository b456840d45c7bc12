// A touch button at least 76 × 76 px, the head-unit minimum for a glance-and-tap while seated.
import type { ButtonHTMLAttributes } from 'react';
import styles from './Button.module.css';

interface Props extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'plain' | 'selected';
}

export function Button({ variant = 'plain', className, type = 'button', ...rest }: Props) {
  return <button type={type} className={`${styles.button} ${styles[variant]} ${className ?? ''}`} {...rest} />;
}
