// Live overrides of the simulated vehicle: speed, gear, SoC, location, headlights and key fob, each checked before it is sent.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SimOverride } from '../../../shared/ipc/simulationIntents';
import { ApplyButton } from './ApplyButton';
import { ApplyForm } from './ApplyForm';
import { ChoiceRow } from './ChoiceRow';
import { FieldRow } from './FieldRow';
import { overrideProblem, parseNumber } from './validation';
import { useSimRequest } from './useSimRequest';
import styles from './SimulatorScreen.module.css';

const GEARS = ['P', 'R', 'N', 'D'] as const;
const HEADLIGHTS = ['on', 'off', 'auto'] as const;

export function OverridesPanel({ overrides }: { overrides: string[] }) {
  const { t } = useTranslation();
  const { send, message } = useSimRequest();
  const [speed, setSpeed] = useState('');
  const [soc, setSoc] = useState('');
  const [latitude, setLatitude] = useState('');
  const [longitude, setLongitude] = useState('');
  const [keyFob, setKeyFob] = useState('');
  // The host reports overrides as text only, so the panel remembers which choice it last had accepted.
  const [gear, setGear] = useState<(typeof GEARS)[number] | null>(null);
  const [headlights, setHeadlights] = useState<(typeof HEADLIGHTS)[number] | null>(null);

  const override = async (request: SimOverride) => send('sim.override', request, overrideProblem(request));
  const apply = (name: string) => ({ label: t('simulator.overrides.apply'), ariaLabel: t('simulator.overrides.applyNamed', { name }) });

  const speedLabel = t('simulator.overrides.speed');
  const socLabel = t('simulator.overrides.soc');
  const locationLabel = t('simulator.overrides.location');
  const keyFobLabel = t('simulator.overrides.keyFob');
  return (
    <section className={styles.panel} aria-labelledby="sim-overrides-title">
      <h2 id="sim-overrides-title" className={styles.panelTitle}>
        {t('simulator.overrides.title')}
      </h2>
      <ApplyForm onApply={() => void override({ kind: 'speed', value: parseNumber(speed) })}>
        <FieldRow id="sim-override-speed" label={speedLabel} value={speed} onChange={setSpeed}>
          <ApplyButton {...apply(speedLabel)} />
        </FieldRow>
      </ApplyForm>
      <ApplyForm onApply={() => void override({ kind: 'soc', value: parseNumber(soc) })}>
        <FieldRow id="sim-override-soc" label={socLabel} value={soc} onChange={setSoc}>
          <ApplyButton {...apply(socLabel)} />
        </FieldRow>
      </ApplyForm>
      <ApplyForm onApply={() => void override({ kind: 'location', latitude: parseNumber(latitude), longitude: parseNumber(longitude) })}>
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{locationLabel}</legend>
          <FieldRow id="sim-override-latitude" label={t('simulator.overrides.latitude')} value={latitude} onChange={setLatitude} />
          <FieldRow id="sim-override-longitude" label={t('simulator.overrides.longitude')} value={longitude} onChange={setLongitude}>
            <ApplyButton {...apply(locationLabel)} />
          </FieldRow>
        </fieldset>
      </ApplyForm>
      <ChoiceRow
        label={t('simulator.overrides.gear')}
        options={GEARS.map((value) => ({ value, label: t(`home.gears.${value}`) }))}
        current={gear}
        onChoose={async (value) => {
          if (await override({ kind: 'gear', value })) setGear(value);
        }}
      />
      <ChoiceRow
        label={t('simulator.overrides.headlights')}
        options={HEADLIGHTS.map((value) => ({ value, label: t(`simulator.overrides.headlightModes.${value}`) }))}
        current={headlights}
        onChoose={async (value) => {
          if (await override({ kind: 'headlights', value })) setHeadlights(value);
        }}
      />
      <ApplyForm onApply={() => void override({ kind: 'keyFob', value: keyFob })}>
        <FieldRow id="sim-override-keyfob" type="text" label={keyFobLabel} value={keyFob} onChange={setKeyFob}>
          <ApplyButton {...apply(keyFobLabel)} />
        </FieldRow>
      </ApplyForm>
      <p className={styles.muted} data-testid="sim-overrides">
        {overrides.length > 0 ? t('simulator.overrides.inForce', { list: overrides.join(', ') }) : t('simulator.overrides.noneInForce')}
      </p>
      {message && (
        <p className={styles.error} role="alert">
          {message}
        </p>
      )}
    </section>
  );
}
