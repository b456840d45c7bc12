// Learning on the car: the driver's consent, the habits found (accept as is, with another value, or refuse), and the rules in force with why.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LEARNABLE, type LearnableSetting, type Suggestion } from '../../../shared/profiles/learningModel';
import { selectProfilesState } from '../../../shared/state/profilesSlice';
import { Button } from '../../components/Button';
import { Pager } from '../../components/Pager';
import { SegmentedChoice } from '../../components/SegmentedChoice';
import { Stepper } from '../../components/Stepper';
import { useAppSelector } from '../../app/store';
import { useFormatters } from '../../app/useFormatters';
import { conditionText } from './ApplyStatus';
import type { TabProps } from './tabProps';
import styles from './ProfileEditor.module.css';

const RULES_PER_PAGE = 3;

export function LearningTab({ profile, update, run, disabled }: TabProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { activeId, suggestions } = useAppSelector(selectProfilesState);
  const [offer, setOffer] = useState(0);
  const [rulePage, setRulePage] = useState(0);
  const [edited, setEdited] = useState<Record<string, number>>({});
  const { learning } = profile;
  const valueText = (setting: LearnableSetting, v: number) =>
    setting === 'climate.temperature' ? format.temperature(v, 1).text : setting === 'climate.seatHeating' ? t('profiles.units.level', { value: format.number(v) }) : t('profiles.units.percent', { value: format.number(v) });
  const shown: Suggestion | undefined = profile.id === activeId ? suggestions[Math.min(offer, suggestions.length - 1)] : undefined;
  const rules = learning.rules.slice(rulePage * RULES_PER_PAGE, (rulePage + 1) * RULES_PER_PAGE);
  const rulePages = Math.max(1, Math.ceil(learning.rules.length / RULES_PER_PAGE));

  return (
    <>
      <SegmentedChoice
        label={t('profiles.learning.consent')}
        value={learning.enabled ? 'on' : 'off'}
        disabled={disabled}
        options={[
          { value: 'off', label: t('profiles.learning.off') },
          { value: 'on', label: t('profiles.learning.on') },
        ]}
        onChange={(v) => update({ learning: { enabled: v === 'on' } })}
      />
      <p className={styles.note}>{t('profiles.learning.explain', { count: learning.historyCount })}</p>
      <div className={styles.columns}>
        <div className={styles.column}>
          <h2 className={styles.heading}>{t('profiles.suggestions.title')}</h2>
          {shown ? (
            <div className={styles.card} data-testid="suggestion">
              <p className={styles.cardText}>
                {t('profiles.suggestions.text', {
                  setting: t(`profiles.learnable.${shown.setting}`),
                  value: valueText(shown.setting, shown.value),
                  condition: conditionText(t, format, shown.condition),
                  matching: shown.evidence.matching,
                  inside: shown.evidence.inside,
                })}
              </p>
              <Stepper
                label={t('profiles.suggestions.value')}
                valueText={valueText(shown.setting, edited[shown.key] ?? shown.value)}
                decreaseLabel={t('settings.decrease', { name: t(`profiles.learnable.${shown.setting}`) })}
                increaseLabel={t('settings.increase', { name: t(`profiles.learnable.${shown.setting}`) })}
                canDecrease={(edited[shown.key] ?? shown.value) > LEARNABLE[shown.setting].min}
                canIncrease={(edited[shown.key] ?? shown.value) < LEARNABLE[shown.setting].max}
                onDecrease={() => setEdited({ ...edited, [shown.key]: (edited[shown.key] ?? shown.value) - LEARNABLE[shown.setting].step })}
                onIncrease={() => setEdited({ ...edited, [shown.key]: (edited[shown.key] ?? shown.value) + LEARNABLE[shown.setting].step })}
              />
              <div className={styles.actions}>
                <Button variant="primary" disabled={disabled} onClick={() => void run('profiles.suggestion', { key: shown.key, decision: 'accept', value: edited[shown.key] ?? shown.value })}>
                  {t('profiles.suggestions.accept')}
                </Button>
                <Button disabled={disabled} onClick={() => void run('profiles.suggestion', { key: shown.key, decision: 'refuse' })}>
                  {t('profiles.suggestions.refuse')}
                </Button>
                {suggestions.length > 1 && (
                  <Pager
                    page={Math.min(offer, suggestions.length - 1)}
                    pages={suggestions.length}
                    onPage={setOffer}
                    label={t('profiles.pageOf', { page: Math.min(offer, suggestions.length - 1) + 1, pages: suggestions.length })}
                    previousLabel={t('profiles.positionPages.previous')}
                    nextLabel={t('profiles.positionPages.next')}
                  />
                )}
              </div>
            </div>
          ) : (
            <p className={styles.note}>{t(profile.id === activeId ? 'profiles.suggestions.none' : 'profiles.suggestions.onlyWhileDriving')}</p>
          )}
        </div>
        <div className={styles.column}>
          <h2 className={styles.heading}>{t('profiles.rules.title')}</h2>
          {learning.rules.length === 0 && <p className={styles.note}>{t('profiles.rules.none')}</p>}
          {rules.map((rule) => (
            <div key={rule.id} className={styles.unavailable} data-testid="rule">
              <span className={styles.cardText}>
                {t('profiles.rules.rule', { setting: t(`profiles.learnable.${rule.setting}`), value: valueText(rule.setting, rule.value), condition: conditionText(t, format, rule.condition) })}
              </span>
              <Button disabled={disabled} onClick={() => void run('profiles.deleteRule', { id: profile.id, ruleId: rule.id })}>
                {t('profiles.rules.delete')}
              </Button>
            </div>
          ))}
          {rulePages > 1 && (
            <Pager
              page={rulePage}
              pages={rulePages}
              onPage={setRulePage}
              label={t('profiles.pageOf', { page: rulePage + 1, pages: rulePages })}
              previousLabel={t('profiles.positionPages.previous')}
              nextLabel={t('profiles.positionPages.next')}
            />
          )}
        </div>
      </div>
    </>
  );
}
