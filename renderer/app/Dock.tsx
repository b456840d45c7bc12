// The dock: one big button per screen, always in the same place so a glance finds it.
import { useTranslation } from 'react-i18next';
import { Button } from '../components/Button';
import styles from './Dock.module.css';

export type ScreenId = 'home' | 'profiles' | 'charging' | 'swap' | 'settings';
export const SCREENS: ScreenId[] = ['home', 'profiles', 'charging', 'swap', 'settings'];

export function Dock({ current, onSelect }: { current: ScreenId; onSelect: (id: ScreenId) => void }) {
  const { t } = useTranslation();
  return (
    <nav className={styles.dock} aria-label={t('dock.label')}>
      {SCREENS.map((id) => (
        <Button
          key={id}
          className={styles.item}
          variant={id === current ? 'selected' : 'plain'}
          aria-current={id === current ? 'page' : undefined}
          onClick={() => onSelect(id)}
        >
          {t(`dock.${id}`)}
        </Button>
      ))}
    </nav>
  );
}
