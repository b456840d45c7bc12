// The live signal inspector: every VSS signal with value, unit, age, freshness and the DBC signal it comes from, filterable.
import { memo, useState } from 'react';
import { shallowEqual } from 'react-redux';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/store';
import { useNow } from '../../app/useNow';
import { filterPaths, selectInspectorPaths } from './selectInspectorPaths';
import { SignalRow } from './SignalRow';
import styles from './SimulatorScreen.module.css';

/** Ages and staleness move on this tick; values themselves re-render as they arrive. */
export const INSPECTOR_TICK_MS = 500;

export const SignalInspector = memo(function SignalInspector() {
  const { t } = useTranslation();
  const now = useNow(INSPECTOR_TICK_MS);
  const [filter, setFilter] = useState('');
  const paths = useAppSelector(selectInspectorPaths, shallowEqual);
  const shown = filterPaths(paths, filter);
  return (
    <section className={`${styles.panel} ${styles.inspector}`} aria-labelledby="sim-inspector-title">
      <h2 id="sim-inspector-title" className={styles.panelTitle}>
        {t('simulator.inspector.title')}
      </h2>
      <div className={styles.row}>
        <label className={styles.label} htmlFor="sim-inspector-filter">
          {t('simulator.inspector.filter')}
        </label>
        <input
          id="sim-inspector-filter"
          className={`${styles.input} ${styles.filter}`}
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        <span className={styles.muted} data-testid="sim-inspector-count">
          {t('simulator.inspector.count', { shown: shown.length, total: paths.length })}
        </span>
      </div>
      {shown.length === 0 ? (
        <p className={styles.muted}>{t('simulator.inspector.empty')}</p>
      ) : (
        <table className={styles.table}>
          <colgroup>
            <col className={styles.pathCol} />
            <col className={styles.valueCol} />
            <col className={styles.unitCol} />
            <col className={styles.ageCol} />
            <col className={styles.stateCol} />
            <col className={styles.sourceCol} />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t('simulator.inspector.path')}</th>
              <th scope="col">{t('simulator.inspector.value')}</th>
              <th scope="col">{t('simulator.inspector.unit')}</th>
              <th scope="col">{t('simulator.inspector.age')}</th>
              <th scope="col">{t('simulator.inspector.freshness')}</th>
              <th scope="col">{t('simulator.inspector.source')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((path) => (
              <SignalRow key={path} path={path} now={now} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
});
