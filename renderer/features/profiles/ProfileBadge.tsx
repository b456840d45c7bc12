// A profile's round badge: its colour with the initial of its name.
import type { ProfileColour } from '../../../shared/profiles/profileSchema';
import { initialOf, INITIAL_INK, PROFILE_SWATCHES } from './profileColours';
import styles from './ProfileBadge.module.css';

export function ProfileBadge({ name, colour, size = 'normal' }: { name: string; colour: ProfileColour; size?: 'normal' | 'large' }) {
  return (
    <span className={`${styles.badge} ${size === 'large' ? styles.large : ''}`} style={{ background: PROFILE_SWATCHES[colour], color: INITIAL_INK }} aria-hidden="true" translate="no">
      {initialOf(name)}
    </span>
  );
}
