// Live overrides of the simulated vehicle: speed, gear, SoC, location, headlights and key fob, each checked before it is sent; typed fields wait while the car moves.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GEARS, LIGHT_SWITCH, latestOverride, type AppliedOverride, type SimOverride } from '../../../shared/simulation/overrides';
import { Button } from '../../components/Button';
import { RestrictedNotice } from '../../components/RestrictedNotice';
import { useRestriction } from '../../app/useRestriction';
import { ApplyButton } from './ApplyButton';
import { ApplyForm } from './ApplyForm';
import { ChoiceRow } from './ChoiceRow';
import { FieldRow } from './FieldRow';
import { useOverrideText } from './useOverrideText';
import { overrideProblem, parseNumber } from './validation';
import { useSimRequest } from './useSimRequest';
import styles from './SimulatorScreen.module.css';

const RESTRICTED_ID = 'sim-overrides-restricted';

export function OverridesPanel({ overrides }: { overrides: readonly AppliedOverride[] }) {
  const { t } = useTranslation();
  const { send, message } = useSimRequest();
  // Typing is what the engine restricts; the choices (gear, headlights, stop) stay, so a developer can always stop the car.
  const typing = useRestriction('noKeyboard');
  const describeOverride = useOverrideText();
  const [speed, setSpeed] = useState('');
  const [soc, setSoc] = useState('');
  const [latitude, setLatitude] = useState('');
  const [longitude, setLongitude] = useState('');
  const [keyFob, setKeyFob] = useState('');

  const override = (request: SimOverride) => void send('sim.override', request, overrideProblem(request));
  const apply = (name: string) => ({
    label: t('simulator.overrides.apply'),
    ariaLabel: t('simulator.overrides.applyNamed', { name }),
    disabled: typing.restricted,
  });
  const field = { disabled: typing.restricted, describedBy: RESTRICTED_ID };

  const speedLabel = t('simulator.overrides.speed');
  const socLabel = t('simulator.overrides.soc');
  const locationLabel = t('simulator.overrides.location');
  const keyFobLabel = t('simulator.overrides.keyFob');
  return (
    <section className={styles.panel} aria-labelledby="sim-overrides-title">
      <h2 id="sim-overrides-title" className={styles.panelTitle}>
        {t('simulator.overrides.title')}
      </h2>
      {typing.restricted && (
        <div id={RESTRICTED_ID}>
          <RestrictedNotice reason={typing.reason} testId={RESTRICTED_ID} />
        </div>
      )}
      <ApplyForm onApply={() => override({ speed: parseNumber(speed) })}>
        <FieldRow id="sim-override-speed" label={speedLabel} value={speed} onChange={setSpeed} {...field}>
          <ApplyButton {...apply(speedLabel)} />
          <Button onClick={() => override({ speed: 0 })}>{t('simulator.overrides.stop')}</Button>
        </FieldRow>
      </ApplyForm>
      <ApplyForm onApply={() => override({ soc: parseNumber(soc) })}>
        <FieldRow id="sim-override-soc" label={socLabel} value={soc} onChange={setSoc} {...field}>
          <ApplyButton {...apply(socLabel)} />
        </FieldRow>
      </ApplyForm>
      <ApplyForm onApply={() => override({ location: { lat: parseNumber(latitude), lon: parseNumber(longitude) } })}>
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{locationLabel}</legend>
          <FieldRow id="sim-override-latitude" label={t('simulator.overrides.latitude')} value={latitude} onChange={setLatitude} {...field} />
          <FieldRow id="sim-override-longitude" label={t('simulator.overrides.longitude')} value={longitude} onChange={setLongitude} {...field}>
            <ApplyButton {...apply(locationLabel)} />
          </FieldRow>
        </fieldset>
      </ApplyForm>
      <ChoiceRow
        label={t('simulator.overrides.gear')}
        options={GEARS.map((value) => ({ value, label: t(`home.gears.${value}`) }))}
        current={latestOverride(overrides, 'gear') ?? null}
        onChoose={(value) => override({ gear: value })}
      />
      <ChoiceRow
        label={t('simulator.overrides.headlights')}
        options={LIGHT_SWITCH.map((value) => ({ value, label: t(`simulator.overrides.headlightModes.${value}`) }))}
        current={latestOverride(overrides, 'lights') ?? null}
        onChoose={(value) => override({ lights: value })}
      />
      <ApplyForm onApply={() => override({ driver: { id: keyFob } })}>
        <FieldRow id="sim-override-keyfob" type="text" label={keyFobLabel} value={keyFob} onChange={setKeyFob} {...field}>
          <ApplyButton {...apply(keyFobLabel)} />
        </FieldRow>
      </ApplyForm>
      <p className={styles.muted} data-testid="sim-overrides">
        {overrides.length > 0
          ? t('simulator.overrides.inForce', { list: overrides.map((o) => describeOverride(o.override)).join(', ') })
          : t('simulator.overrides.noneInForce')}
      </p>
      {message && (
        <p className={styles.error} role="alert">
          {message}
        </p>
      )}
    </section>
  );
}
