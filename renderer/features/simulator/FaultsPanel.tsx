// Fault injection: gateway disconnect, frame loss, garbage frames, a stuck signal and bus-off, with the faults in force; typed rates wait while the car moves.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SimFaultRequest } from '../../../shared/ipc/simulationIntents';
import { faultParameter, type ActiveFault, type Fault, type FaultKind } from '../../../shared/simulation/faults';
import { isFaultActive } from '../../../shared/state/simulationSlice';
import { formatNumber } from '../../../shared/vehicle/units';
import { RestrictedNotice } from '../../components/RestrictedNotice';
import { useRestriction } from '../../app/useRestriction';
import { ApplyForm } from './ApplyForm';
import { FaultToggle } from './FaultToggle';
import { FieldRow } from './FieldRow';
import { SelectRow } from './SelectRow';
import { faultProblem, parseNumber } from './validation';
import { useSimRequest } from './useSimRequest';
import styles from './SimulatorScreen.module.css';

const DEFAULT_FRAME_LOSS_PERCENT = '20';
const DEFAULT_GARBAGE_PER_SECOND = '50';
const RESTRICTED_ID = 'sim-faults-restricted';

interface Props {
  faults: readonly ActiveFault[];
  /** VSS paths the vehicle maps, for choosing the stuck signal. */
  paths: readonly string[];
  buses: readonly string[];
}

export function FaultsPanel({ faults, paths, buses }: Props) {
  const { t, i18n } = useTranslation();
  const { send, message } = useSimRequest();
  // Only the typed rates wait while moving; the toggles and choices are taps, and inject with the last value typed.
  const typing = useRestriction('noKeyboard');
  const [frameLoss, setFrameLoss] = useState(DEFAULT_FRAME_LOSS_PERCENT);
  const [garbage, setGarbage] = useState(DEFAULT_GARBAGE_PER_SECOND);
  const [stuckPath, setStuckPath] = useState('');
  const [bus, setBus] = useState('');

  const request = (r: SimFaultRequest) => void send('sim.fault', r, faultProblem(r));
  const inject = (fault: Fault) => request({ action: 'inject', fault });
  /** Clearing needs no parameter; injecting carries the one typed or chosen beside the toggle. */
  const toggle = (kind: FaultKind, fault: () => Fault) => (isFaultActive(faults, kind) ? request({ action: 'clear', kind }) : inject(fault()));
  const toggleProps = (kind: FaultKind) => {
    const active = isFaultActive(faults, kind);
    const name = t(`simulator.faults.${kind}`);
    return {
      active,
      label: active ? t('simulator.faults.clear') : t('simulator.faults.inject'),
      ariaLabel: active ? t('simulator.faults.clearNamed', { name }) : t('simulator.faults.injectNamed', { name }),
    };
  };

  const frameLossFault = (): Fault => ({ kind: 'frame-loss', percent: parseNumber(frameLoss) });
  const garbageFault = (): Fault => ({ kind: 'garbage', framesPerSecond: parseNumber(garbage) });
  const field = { disabled: typing.restricted, describedBy: RESTRICTED_ID };

  const describe = (item: ActiveFault) => {
    const param = faultParameter(item);
    if (param === undefined) return t(`simulator.faults.describe.${item.kind}`);
    const value = typeof param === 'number' ? formatNumber(param, i18n.language, 1) : param;
    return t(`simulator.faults.describe.${item.kind}`, { value });
  };

  return (
    <section className={styles.panel} aria-labelledby="sim-faults-title">
      <h2 id="sim-faults-title" className={styles.panelTitle}>
        {t('simulator.faults.title')}
      </h2>
      {typing.restricted && (
        <div id={RESTRICTED_ID}>
          <RestrictedNotice reason={typing.reason} testId={RESTRICTED_ID} />
        </div>
      )}
      <div className={styles.row}>
        <span className={styles.label}>{t('simulator.faults.gateway-disconnect')}</span>
        <FaultToggle {...toggleProps('gateway-disconnect')} onClick={() => toggle('gateway-disconnect', () => ({ kind: 'gateway-disconnect' }))} />
      </div>
      {/* Enter in a fault's field (re)injects it with that value, so an active fault's rate can be changed in place. */}
      <ApplyForm onApply={() => inject(frameLossFault())}>
        <FieldRow id="sim-fault-frame-loss" label={t('simulator.faults.frame-loss')} value={frameLoss} onChange={setFrameLoss} {...field}>
          <FaultToggle {...toggleProps('frame-loss')} onClick={() => toggle('frame-loss', frameLossFault)} />
        </FieldRow>
      </ApplyForm>
      <ApplyForm onApply={() => inject(garbageFault())}>
        <FieldRow id="sim-fault-garbage" label={t('simulator.faults.garbage')} value={garbage} onChange={setGarbage} {...field}>
          <FaultToggle {...toggleProps('garbage')} onClick={() => toggle('garbage', garbageFault)} />
        </FieldRow>
      </ApplyForm>
      <SelectRow
        id="sim-fault-stuck-signal"
        label={t('simulator.faults.stuck-signal')}
        placeholder={t('simulator.faults.choosePath')}
        value={stuckPath}
        options={paths}
        onChange={setStuckPath}
      >
        <FaultToggle {...toggleProps('stuck-signal')} onClick={() => toggle('stuck-signal', () => ({ kind: 'stuck-signal', signal: stuckPath }))} />
      </SelectRow>
      <SelectRow
        id="sim-fault-bus-off"
        label={t('simulator.faults.bus-off')}
        placeholder={t('simulator.faults.chooseBus')}
        value={bus}
        options={buses}
        onChange={setBus}
      >
        <FaultToggle {...toggleProps('bus-off')} onClick={() => toggle('bus-off', () => ({ kind: 'bus-off', bus }))} />
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
              <li key={item.id} className={styles.faultItem}>
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
