// Finding a station by name: a text field when parked; while driving the restriction engine takes typing away and says why.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RestrictedNotice } from '../../components/RestrictedNotice';
import { useAppSelector } from '../../app/store';
import { useRestriction } from '../../app/useRestriction';
import { useStationsIntent } from './useStationsIntent';
import styles from './ChargingScreen.module.css';

/** Typing pauses this long before the search runs. */
const SETTLE_MS = 400;

export function NameSearch() {
  const { t } = useTranslation();
  const keyboard = useRestriction('noKeyboard');
  const current = useAppSelector((s) => s.stations.query.text);
  const { run, message } = useStationsIntent();
  const [text, setText] = useState(current);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const sent = useRef(current);
  // The host's text replaces the field only when it changed elsewhere (cleared by "Clear the name"), never by the echo of what was typed.
  useEffect(() => {
    if (current !== sent.current) {
      sent.current = current;
      setText(current);
    }
  }, [current]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  if (keyboard.restricted) return <RestrictedNotice compact reason={keyboard.reason} testId="name-search-restricted" />;
  const change = (value: string) => {
    setText(value);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      sent.current = value.slice(0, 60).trim();
      void run('stations.findByName', { text: value.slice(0, 60) });
    }, SETTLE_MS);
  };
  return (
    <label className={styles.search}>
      <span className={styles.searchLabel}>{t('charging.search.label')}</span>
      <input
        className={styles.searchField}
        type="search"
        value={text}
        maxLength={60}
        placeholder={t('charging.search.placeholder')}
        onChange={(e) => change(e.target.value)}
        data-testid="name-search"
      />
      {message && <span className={styles.error}>{message}</span>}
    </label>
  );
}
