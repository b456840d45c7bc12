// A touch button at least size.touchTarget (76 px or the brand's larger value) square, the head-unit minimum for a glance-and-tap while seated.
import type { ComponentProps } from 'react';
import styles from './Button.module.css';

interface Props extends ComponentProps<'button'> {
  variant?: 'primary' | 'plain' | 'selected';
}

export function Button({ variant = 'plain', className, type = 'button', ...rest }: Props) {
  return <button type={type} className={`${styles.button} ${styles[variant]} ${className ?? ''}`} {...rest} />;
}
