// The filters: connectors (the car's inlets by default), minimum power, free now, reservable, maximum price, preferred and excluded operators — each change searches again and is remembered for the driver.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationFilters, StationFiltersPatch } from '../../../shared/ipc/stations';
import type { ConnectorStandard } from '../../../shared/stations/model';
import { selectStations } from '../../../shared/state/stationsSlice';
import { Button } from '../../components/Button';
import { Stepper } from '../../components/Stepper';
import { useAppSelector } from '../../app/store';
import { useFormatters } from '../../app/useFormatters';
import { standardName } from './format';
import styles from './FiltersPanel.module.css';

/** Standards offered beside the car's own: the others of its family (a GB/T car may choose ChaoJi; a CCS car CHAdeMO or NACS). */
const FAMILIES: ConnectorStandard[][] = [
  ['GBT_AC', 'GBT_DC', 'CHAOJI'],
  ['IEC_62196_T2', 'IEC_62196_T2_COMBO', 'CHADEMO', 'SAE_J3400'],
  ['IEC_62196_T1', 'IEC_62196_T1_COMBO', 'CHADEMO', 'SAE_J3400'],
];
/** Every standard a driver may pick with "all connectors": what the data knows by name. */
const ALL_NAMED: ConnectorStandard[] = ['GBT_AC', 'GBT_DC', 'CHAOJI', 'IEC_62196_T1', 'IEC_62196_T1_COMBO', 'IEC_62196_T2', 'IEC_62196_T2_COMBO', 'CHADEMO', 'SAE_J3400', 'TESLA_S'];

export function offeredStandards(car: readonly ConnectorStandard[], chosen: readonly ConnectorStandard[] | null): ConnectorStandard[] {
  const family = FAMILIES.filter((f) => f.some((s) => car.includes(s))).flat();
  return [...new Set([...car, ...family, ...(chosen ?? [])])].filter((s) => ALL_NAMED.includes(s));
}
export const POWER_STEPS_KW = [0, 7, 11, 22, 50, 100, 150, 250, 350];
const MAX_OPERATORS_SHOWN = 5;

interface Props {
  /** Sends the change; resolves once the host has answered (null when it refused). */
  onChange(patch: StationFiltersPatch): Promise<unknown>;
  onReset(): void;
  onClose(): void;
}

/**
 * The filters as the driver last set them: a tap shows at once, and taps faster than the host answers build on
 * each other (four taps on + are four steps), until every change is answered and the host's filters take over.
 */
function useFiltersAsSet(stored: StationFilters, send: (patch: StationFiltersPatch) => Promise<unknown>) {
  const [local, setLocal] = useState(stored);
  const pending = useRef(0);
  const latest = useRef(stored);
  latest.current = stored;
  useEffect(() => {
    if (pending.current === 0) setLocal(stored);
  }, [stored]);
  const change = useCallback(
    (patch: StationFiltersPatch) => {
      pending.current += 1;
      setLocal((current) => ({ ...current, ...patch }) as StationFilters);
      void send(patch).then((answer) => {
        pending.current -= 1;
        // The host's new filters arrive with the next state batch, after its answer; a refusal changes nothing there.
        if (answer === null && pending.current === 0) setLocal(latest.current);
      });
    },
    [send],
  );
  return [local, change] as const;
}

export function FiltersPanel({ onChange: send, onReset, onClose }: Props) {
  const { t } = useTranslation();
  const f = useFormatters();
  const stations = useAppSelector(selectStations);
  const [filters, onChange] = useFiltersAsSet(stations.query.filters, send);
  const carStandards = stations.vehicle?.standards ?? [];
  const chosen = filters.standards;
  const offered = offeredStandards(carStandards, chosen);
  const allChosen = chosen !== null && ALL_NAMED.every((s) => chosen.includes(s));

  const toggleStandard = (standard: ConnectorStandard) => {
    const current = chosen ?? carStandards;
    const next = current.includes(standard) ? current.filter((s) => s !== standard) : [...current, standard];
    onChange({ standards: next.length === 0 ? null : next });
  };

  const currency = filters.maxPricePerKwh?.currency ?? stations.results.find((r) => r.price)?.price?.currency ?? null;
  const priceStep = currency === 'CNY' ? 0.1 : 0.5;
  const price = filters.maxPricePerKwh?.amount ?? null;
  const setPrice = (amount: number | null) => onChange({ maxPricePerKwh: amount === null || !currency ? null : { amount: Math.round(amount * 100) / 100, currency } });

  const operators = operatorsOf(stations.results.map((r) => r.operator), filters.preferOperators, filters.excludeOperators);
  const cycleOperator = (name: string) => {
    const prefer = filters.preferOperators.filter((o) => o !== name);
    const exclude = filters.excludeOperators.filter((o) => o !== name);
    if (filters.preferOperators.includes(name)) exclude.push(name);
    else if (!filters.excludeOperators.includes(name)) prefer.push(name);
    onChange({ preferOperators: prefer, excludeOperators: exclude });
  };

  return (
    <section className={styles.panel} aria-labelledby="filters-title" data-testid="filters-panel">
      <header className={styles.header}>
        <h2 id="filters-title" className={styles.title}>
          {t('charging.filters.title')}
        </h2>
        <Button onClick={onReset} data-testid="filters-reset">
          {t('charging.filters.reset')}
        </Button>
        <Button variant="primary" onClick={onClose}>
          {t('charging.filters.done')}
        </Button>
      </header>
      <div className={styles.group} role="group" aria-labelledby="filters-connectors">
        <span id="filters-connectors" className={styles.label}>
          {t('charging.filters.connectors')}
        </span>
        <div className={styles.chips}>
          <Button role="checkbox" aria-checked={chosen === null} variant={chosen === null ? 'selected' : 'plain'} onClick={() => onChange({ standards: null })} data-testid="filter-fits-car">
            {t('charging.filters.fitsCar')}
          </Button>
          {offered.map((s) => {
            const on = chosen !== null && chosen.includes(s);
            return (
              <Button key={s} role="checkbox" aria-checked={on} variant={on ? 'selected' : 'plain'} onClick={() => toggleStandard(s)} data-testid={`filter-standard-${s}`}>
                {standardName(t, s)}
              </Button>
            );
          })}
          <Button role="checkbox" aria-checked={allChosen} variant={allChosen ? 'selected' : 'plain'} onClick={() => onChange({ standards: [...ALL_NAMED] })} data-testid="filter-all-connectors">
            {t('charging.filters.allConnectors')}
          </Button>
        </div>
      </div>
      <div className={styles.row}>
        <Stepper
          label={t('charging.filters.minPower')}
          valueText={filters.minPowerKw > 0 ? f.powerKw(filters.minPowerKw).text : t('charging.filters.any')}
          decreaseLabel={t('charging.filters.lessPower')}
          increaseLabel={t('charging.filters.morePower')}
          canDecrease={filters.minPowerKw > 0}
          canIncrease={filters.minPowerKw < POWER_STEPS_KW[POWER_STEPS_KW.length - 1]}
          onDecrease={() => onChange({ minPowerKw: [...POWER_STEPS_KW].reverse().find((kw) => kw < filters.minPowerKw) ?? 0 })}
          onIncrease={() => onChange({ minPowerKw: POWER_STEPS_KW.find((kw) => kw > filters.minPowerKw) ?? filters.minPowerKw })}
        />
        <Button role="checkbox" aria-checked={filters.availableOnly} variant={filters.availableOnly ? 'selected' : 'plain'} onClick={() => onChange({ availableOnly: !filters.availableOnly })} data-testid="filter-available">
          {t('charging.filters.availableNow')}
        </Button>
      </div>
      <div className={styles.row}>
        <Stepper
          label={t('charging.filters.maxPrice')}
          valueText={price === null || !currency ? t('charging.filters.any') : t('charging.price.perKwh', { amount: f.number(price, 2), currency })}
          decreaseLabel={t('charging.filters.cheaper')}
          increaseLabel={t('charging.filters.dearer')}
          canDecrease={currency !== null && (price === null || price > priceStep)}
          canIncrease={price !== null}
          onDecrease={() => setPrice(price === null ? defaultCeiling(currency) : price - priceStep)}
          onIncrease={() => setPrice(price === null ? null : price + priceStep)}
        />
        <Button role="checkbox" aria-checked={filters.reservableOnly} variant={filters.reservableOnly ? 'selected' : 'plain'} onClick={() => onChange({ reservableOnly: !filters.reservableOnly })} data-testid="filter-reservable">
          {t('charging.filters.reservable')}
        </Button>
      </div>
      <div className={styles.group} role="group" aria-labelledby="filters-operators">
        <span id="filters-operators" className={styles.label}>
          {t('charging.filters.operators')}
        </span>
        <div className={styles.chips}>
          {operators.slice(0, MAX_OPERATORS_SHOWN).map((name) => {
            const state = filters.preferOperators.includes(name) ? 'prefer' : filters.excludeOperators.includes(name) ? 'exclude' : 'neutral';
            return (
              <Button key={name} className={styles.operator} data-state={state} variant={state === 'prefer' ? 'selected' : 'plain'} onClick={() => cycleOperator(name)} aria-label={t(`charging.filters.operator.${state}`, { name })}>
                <span translate="no">{name}</span>
              </Button>
            );
          })}
          {operators.length === 0 && <span className={styles.hint}>{t('charging.filters.noOperators')}</span>}
        </div>
      </div>
    </section>
  );
}

/** A first ceiling that leaves most of a region's stations in: 2 CNY or 6 NOK per kWh, else 1. */
function defaultCeiling(currency: string | null): number {
  return currency === 'CNY' ? 2 : currency === 'NOK' ? 6 : 1;
}

/** Operators seen in the results, most frequent first, with those the driver already chose. */
function operatorsOf(seen: Array<string | undefined>, prefer: string[], exclude: string[]): string[] {
  const counts = new Map<string, number>();
  for (const name of seen) if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  const ordered = [...counts].sort((a, b) => b[1] - a[1]).map(([name]) => name);
  return [...new Set([...prefer, ...exclude, ...ordered])];
}
