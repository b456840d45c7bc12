// The dock: one big button per screen the registry offers now, icon above label, always in the same place so a glance finds it.
import { useTranslation } from 'react-i18next';
import { Button } from '../components/Button';
import type { ScreenDefinition } from './screen';
import styles from './Dock.module.css';

export function Dock({ screens, current, onSelect }: { screens: readonly ScreenDefinition[]; current: string; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <nav className={styles.dock} aria-label={t('dock.label')}>
      {screens.map(({ id, icon: Icon, labelKey }) => (
        <Button
          key={id}
          className={styles.item}
          variant={id === current ? 'selected' : 'plain'}
          aria-current={id === current ? 'page' : undefined}
          onClick={() => onSelect(id)}
        >
          <span className={styles.entry}>
            <Icon aria-hidden="true" />
            <span className={styles.label}>{t(labelKey)}</span>
          </span>
        </Button>
      ))}
    </nav>
  );
}
