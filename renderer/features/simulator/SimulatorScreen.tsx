// The developer control panel (simulation only): scenario playback, live overrides, fault injection and the signal inspector.
import { useTranslation } from 'react-i18next';
import { selectSimulation } from '../../../shared/state/simulationSlice';
import { selectVehiclePaths } from '../../../shared/state/vehicleSlice';
import { EmptyState } from '../../components/EmptyState';
import { useAppSelector } from '../../app/store';
import { BrandPanel } from './BrandPanel';
import { FaultsPanel } from './FaultsPanel';
import { selectSimulatorShown } from './selectSimulatorShown';
import { OverridesPanel } from './OverridesPanel';
import { PlaybackPanel } from './PlaybackPanel';
import { SignalInspector } from './SignalInspector';
import styles from './SimulatorScreen.module.css';

export function SimulatorScreen() {
  const { t } = useTranslation();
  const shown = useAppSelector(selectSimulatorShown);
  const simulation = useAppSelector(selectSimulation);
  const paths = useAppSelector(selectVehiclePaths);
  const status = simulation.status;
  if (!shown || !status) {
    return <EmptyState title={t('simulator.title')} message={t('simulator.unavailable')} />;
  }
  return (
    <section className={styles.screen} aria-labelledby="simulator-title">
      <h1 id="simulator-title" className={styles.title}>
        {t('simulator.title')}
      </h1>
      <div className={styles.columns}>
        <div className={styles.column}>
          <PlaybackPanel status={status} />
          <OverridesPanel overrides={status.overrides} />
          <FaultsPanel faults={status.faults} paths={paths} buses={simulation.buses} />
          <BrandPanel />
        </div>
        <div className={styles.column}>
          <SignalInspector />
        </div>
      </div>
    </section>
  );
}
