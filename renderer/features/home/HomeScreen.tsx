// Home, driver first: the strip with speed, gear, battery and warnings on the driver's side, the main panel (the car, a booking, the low-battery options), the climate bar, and details one tap away.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pickHomePanel } from '../../app/homePanel';
import { HOME_PANELS } from '../../app/homePanels';
import { useAppSelector } from '../../app/store';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { ClimateBar } from './ClimateBar';
import { DetailsSheet } from './DetailsSheet';
import { DriverStrip } from './DriverStrip';
import styles from './HomeScreen.module.css';

export { HOME_PATHS } from './homePaths';

export function HomeScreen({ now, wall = now, navigate = () => undefined }: { now: number; wall?: number; navigate?: (id: string) => void }) {
  const { t } = useTranslation();
  const [detailsOpen, setDetailsOpen] = useState(false);
  // The id compares by value: Home re-renders its panel when another one takes over, not on every batch.
  const panelId = useAppSelector((state) => pickHomePanel(HOME_PANELS, state).id);
  const panel = HOME_PANELS.find((p) => p.id === panelId)!;
  return (
    <div className={styles.home}>
      <VisuallyHidden as="h1">{t('home.title')}</VisuallyHidden>
      <DriverStrip now={now} />
      <div className={styles.panel} data-panel={panel.id}>
        {panel.render({ now, wall, navigate })}
        {detailsOpen && <DetailsSheet now={now} onClose={() => setDetailsOpen(false)} />}
      </div>
      <ClimateBar now={now} detailsOpen={detailsOpen} onOpenDetails={() => setDetailsOpen((open) => !open)} />
    </div>
  );
}
