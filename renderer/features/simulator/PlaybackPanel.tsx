// Scenario playback: which scenario, play/pause, seek within it, and time acceleration.
import { useTranslation } from 'react-i18next';
import { simControlSchema, type SimControl } from '../../../shared/ipc/simulationIntents';
import { describeIssues } from '../../../shared/ipc/intents';
import type { SimulationStatus } from '../../../shared/state/simulationSlice';
import { Button } from '../../components/Button';
import { ChoiceRow } from './ChoiceRow';
import { formatSimTime } from './simTime';
import { useSimRequest } from './useSimRequest';
import styles from './SimulatorScreen.module.css';

export const ACCELERATIONS = [1, 5, 10, 30, 60] as const;
export const SEEK_STEP_S = 60;

export function PlaybackPanel({ status }: { status: SimulationStatus }) {
  const { t } = useTranslation();
  const { send, message } = useSimRequest();
  const hasScenario = status.scenario !== null;
  const atEnd = status.durationS !== null && status.simTimeS >= status.durationS;

  const control = (request: SimControl) => {
    const parsed = simControlSchema.safeParse(request);
    void send('sim.control', request, parsed.success ? null : { key: 'invalid', params: { detail: describeIssues(parsed.error) } });
  };
  const skip = (deltaS: number) => control({ action: 'skip', seconds: deltaS });

  const time = formatSimTime(status.simTimeS);
  return (
    <section className={styles.panel} aria-labelledby="sim-playback-title">
      <h2 id="sim-playback-title" className={styles.panelTitle}>
        {t('simulator.playback.title')}
      </h2>
      <div className={styles.row}>
        <span className={styles.label}>{t('simulator.playback.scenario')}</span>
        <span className={styles.strong} data-testid="sim-scenario" translate={status.scenario === null ? undefined : 'no'}>
          {status.scenario ?? t('simulator.playback.parked')}
        </span>
        {hasScenario && (
          <span className={styles.muted} data-testid="sim-playing">
            {status.playing ? t('simulator.playback.playing') : t('simulator.playback.paused')}
          </span>
        )}
      </div>
      <div className={styles.row}>
        <span className={styles.label}>{t('simulator.playback.time')}</span>
        <output className={styles.time} data-testid="sim-time">
          {status.durationS === null ? time : t('simulator.playback.timeOf', { time, duration: formatSimTime(status.durationS) })}
        </output>
      </div>
      <div className={styles.buttons}>
        <Button variant="primary" disabled={!hasScenario} onClick={() => control(status.playing ? { action: 'pause' } : { action: 'play' })}>
          {status.playing ? t('simulator.playback.pause') : t('simulator.playback.play')}
        </Button>
        <Button disabled={!hasScenario} onClick={() => control({ action: 'seek', seconds: 0 })}>
          {t('simulator.playback.restart')}
        </Button>
        <Button disabled={!hasScenario || status.simTimeS <= 0} onClick={() => skip(-SEEK_STEP_S)}>
          {t('simulator.playback.back')}
        </Button>
        <Button disabled={!hasScenario || atEnd} onClick={() => skip(SEEK_STEP_S)}>
          {t('simulator.playback.forward')}
        </Button>
      </div>
      <ChoiceRow
        label={t('simulator.playback.acceleration')}
        current={String(status.acceleration)}
        options={ACCELERATIONS.map((value) => ({ value: String(value), label: t('simulator.playback.accelerationValue', { value }) }))}
        onChoose={(value) => Number(value) !== status.acceleration && control({ action: 'acceleration', value: Number(value) })}
      />
      {message && (
        <p className={styles.error} role="alert">
          {message}
        </p>
      )}
    </section>
  );
}
