// The head-unit frame: status bar, the current screen from the registry, the dock, and the theme and brightness around them.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tokensToCss, dayTokens, nightTokens } from '../theme/tokens';
import { StatusBar } from './StatusBar';
import { Dock } from './Dock';
import { NoticeBanner } from './NoticeBanner';
import { useAppSelector } from './store';
import { useNow, useWallClock } from './useNow';
import { useTheme } from './useTheme';
import { useBridge } from './bridgeContext';
import { HOME_SCREEN_ID, SCREENS } from './screenRegistry';
import styles from './App.module.css';

export function App() {
  const { t } = useTranslation();
  const now = useNow();
  const wall = useWallClock();
  const { theme, brightness } = useTheme(now, wall);
  const [chosen, setChosen] = useState<string>(HOME_SCREEN_ID);
  // A string of ids compares by value: the shell re-renders when the offer changes, not on every vehicle batch.
  const offeredIds = useAppSelector((state) => SCREENS.filter((s) => s.shown?.(state) ?? true).map((s) => s.id).join(' '));
  const offered = useMemo(() => SCREENS.filter((s) => offeredIds.split(' ').includes(s.id)), [offeredIds]);
  // A screen that stops being offered (the simulation went away) falls back to Home, never a dead screen.
  const screen = offered.find((s) => s.id === chosen) ?? offered.find((s) => s.id === HOME_SCREEN_ID)!;
  const synced = useAppSelector((s) => s.ui.app.transport !== 'none');
  const bridgeUp = useBridgeLink();

  return (
    <div className={styles.app} data-theme={theme} style={tokensToCss(theme === 'night' ? nightTokens : dayTokens)}>
      <StatusBar now={wall} />
      {!bridgeUp && (
        <div className={styles.banner} role="alert">
          {t('app.bridgeLost')}
        </div>
      )}
      <NoticeBanner />
      <div className={styles.body}>
        <Dock screens={offered.filter((s) => s.inDock)} current={screen.dockId ?? screen.id} onSelect={setChosen} />
        <main className={styles.screen}>
          {!synced ? <p className={styles.loading}>{t('app.loading')}</p> : screen.render({ now, wall, navigate: setChosen })}
        </main>
      </div>
      {/* Emulates the panel backlight in simulation: a dimming layer that never takes touches. */}
      <div className={styles.dimmer} style={{ opacity: (100 - brightness) / 100 }} aria-hidden="true" />
    </div>
  );
}

function useBridgeLink(): boolean {
  const bridge = useBridge();
  const [up, setUp] = useState(true);
  useEffect(() => bridge.onLinkChange?.(setUp), [bridge]);
  return up;
}
