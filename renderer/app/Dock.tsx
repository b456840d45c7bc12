// The dock: one big button per screen, always in the same place so a glance finds it.
import { useTranslation } from 'react-i18next';
import { Button } from '../components/Button';
import { selectSimulatorShown } from '../features/simulator';
import { useAppSelector } from './store';
import styles from './Dock.module.css';

export type ScreenId = 'home' | 'profiles' | 'charging' | 'swap' | 'settings' | 'simulator';
export const SCREENS: ScreenId[] = ['home', 'profiles', 'charging', 'swap', 'settings'];
/** The developer control panel exists only in simulation; a head unit never offers it. */
const SIMULATION_SCREENS: ScreenId[] = [...SCREENS, 'simulator'];

export function Dock({ current, onSelect }: { current: ScreenId; onSelect: (id: ScreenId) => void }) {
  const { t } = useTranslation();
  const screens = useAppSelector(selectSimulatorShown) ? SIMULATION_SCREENS : SCREENS;
  return (
    <nav className={styles.dock} aria-label={t('dock.label')}>
      {screens.map((id) => (
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
