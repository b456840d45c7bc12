// Fault injection: gateway disconnect, frame loss, garbage frames, a stuck signal and bus-off, with the faults in force.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SimFaultRequest } from '../../../shared/ipc/simulationIntents';
import type { SimFault, SimFaultKind } from '../../../shared/state/simulationSlice';
import { formatNumber } from '../../../shared/vehicle/units';
import { ApplyForm } from './ApplyForm';
import { FaultToggle } from './FaultToggle';
import { FieldRow } from './FieldRow';
import { SelectRow } from './SelectRow';
import { faultProblem, parseNumber } from './validation';
import { useSimRequest } from './useSimRequest';
import styles from './SimulatorScreen.module.css';

const DEFAULT_FRAME_LOSS_PERCENT = '20';
const DEFAULT_GARBAGE_PER_SECOND = '50';

interface Props {
  faults: SimFault[];
  /** VSS paths the vehicle maps, for choosing the stuck signal. */
  paths: readonly string[];
  buses: readonly string[];
}

export function FaultsPanel({ faults, paths, buses }: Props) {
  const { t, i18n } = useTranslation();
  const { send, message } = useSimRequest();
  const [frameLoss, setFrameLoss] = useState(DEFAULT_FRAME_LOSS_PERCENT);
  const [garbage, setGarbage] = useState(DEFAULT_GARBAGE_PER_SECOND);
  const [stuckPath, setStuckPath] = useState('');
  const [bus, setBus] = useState('');

  const isActive = (kind: SimFaultKind) => faults.some((fault) => fault.kind === kind);
  const fault = (request: SimFaultRequest) => void send('sim.fault', request, faultProblem(request));
  /** Clearing needs no parameter; injecting carries the one typed or chosen beside the toggle. */
  const toggle = (kind: SimFaultKind, inject: () => SimFaultRequest) =>
    isActive(kind) ? fault({ kind, active: false }) : fault(inject());
  const toggleProps = (kind: SimFaultKind) => {
    const active = isActive(kind);
    const name = t(`simulator.faults.${kind}`);
    return {
      active,
      label: active ? t('simulator.faults.clear') : t('simulator.faults.inject'),
      ariaLabel: active ? t('simulator.faults.clearNamed', { name }) : t('simulator.faults.injectNamed', { name }),
    };
  };

  const frameLossOn = (): SimFaultRequest => ({ kind: 'frameLoss', active: true, percent: parseNumber(frameLoss) });
  const garbageOn = (): SimFaultRequest => ({ kind: 'garbage', active: true, perSecond: parseNumber(garbage) });

  const describe = (item: SimFault) => {
    if (item.param === undefined) return t(`simulator.faults.${item.kind === 'disconnect' ? 'describe.disconnect' : item.kind}`);
    const value = typeof item.param === 'number' ? formatNumber(item.param, i18n.language, 1) : item.param;
    return t(`simulator.faults.describe.${item.kind}`, { value });
  };

  return (
    <section className={styles.panel} aria-labelledby="sim-faults-title">
      <h2 id="sim-faults-title" className={styles.panelTitle}>
        {t('simulator.faults.title')}
      </h2>
      <div className={styles.row}>
        <span className={styles.label}>{t('simulator.faults.disconnect')}</span>
        <FaultToggle {...toggleProps('disconnect')} onClick={() => toggle('disconnect', () => ({ kind: 'disconnect', active: true }))} />
      </div>
      {/* Enter in a fault's field (re)injects it with that value, so an active fault's rate can be changed in place. */}
      <ApplyForm onApply={() => fault(frameLossOn())}>
        <FieldRow id="sim-fault-frameloss" label={t('simulator.faults.frameLoss')} value={frameLoss} onChange={setFrameLoss}>
          <FaultToggle {...toggleProps('frameLoss')} onClick={() => toggle('frameLoss', frameLossOn)} />
        </FieldRow>
      </ApplyForm>
      <ApplyForm onApply={() => fault(garbageOn())}>
        <FieldRow id="sim-fault-garbage" label={t('simulator.faults.garbage')} value={garbage} onChange={setGarbage}>
          <FaultToggle {...toggleProps('garbage')} onClick={() => toggle('garbage', garbageOn)} />
        </FieldRow>
      </ApplyForm>
      <SelectRow
        id="sim-fault-stuck"
        label={t('simulator.faults.stuckSignal')}
        placeholder={t('simulator.faults.choosePath')}
        value={stuckPath}
        options={paths}
        onChange={setStuckPath}
      >
        <FaultToggle
          {...toggleProps('stuckSignal')}
          onClick={() => toggle('stuckSignal', () => ({ kind: 'stuckSignal', active: true, ...(stuckPath ? { path: stuckPath } : {}) }))}
        />
      </SelectRow>
      <SelectRow
        id="sim-fault-bus"
        label={t('simulator.faults.busOff')}
        placeholder={t('simulator.faults.chooseBus')}
        value={bus}
        options={buses}
        onChange={setBus}
      >
        <FaultToggle {...toggleProps('busOff')} onClick={() => toggle('busOff', () => ({ kind: 'busOff', active: true, ...(bus ? { bus } : {}) }))} />
      </SelectRow>
      <div className={styles.activeFaults} aria-label={t('simulator.faults.active')} role="group">
        <span className={styles.label}>{t('simulator.faults.active')}</span>
        {faults.length === 0 ? (
          <span className={styles.muted} data-testid="sim-active-faults">
            {t('simulator.faults.noneActive')}
          </span>
        ) : (
          <ul className={styles.faultList} data-testid="sim-active-faults">
            {faults.map((item) => (
              <li key={`${item.kind}:${String(item.param)}`} className={styles.faultItem}>
                {describe(item)}
              </li>
            ))}
          </ul>
        )}
      </div>
      {message && (
        <p className={styles.error} role="alert">
          {message}
        </p>
      )}
    </section>
  );
}
