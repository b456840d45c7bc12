// The head-unit frame: status bar, the current screen, the dock, and the theme and brightness around them.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tokensToCss, dayTokens, nightTokens } from '../theme/tokens';
import { StatusBar } from './StatusBar';
import { Dock, type ScreenId } from './Dock';
import { NoticeBanner } from './NoticeBanner';
import { useAppSelector } from './store';
import { useNow } from './useNow';
import { useTheme } from './useTheme';
import { useBridge } from './bridgeContext';
import { HomeScreen } from '../features/home';
import { PlaceholderScreen } from '../features/placeholder';
import { SettingsScreen } from '../features/settings';
import { AboutScreen } from '../features/about';
import { SimulatorScreen, selectSimulatorShown } from '../features/simulator';
import styles from './App.module.css';

type Route = ScreenId | 'about';

export function App() {
  const { t } = useTranslation();
  const now = useNow();
  const { theme, brightness } = useTheme(now);
  const [chosen, setRoute] = useState<Route>('home');
  const simulatorShown = useAppSelector(selectSimulatorShown);
  // If the simulation goes away while its panel is open, fall back to Home rather than a dead screen.
  const route: Route = chosen === 'simulator' && !simulatorShown ? 'home' : chosen;
  const synced = useAppSelector((s) => s.ui.app.transport !== 'none');
  const bridgeUp = useBridgeLink();

  return (
    <div className={styles.app} data-theme={theme} style={tokensToCss(theme === 'night' ? nightTokens : dayTokens)}>
      <StatusBar now={now} />
      {!bridgeUp && (
        <div className={styles.banner} role="alert">
          {t('app.bridgeLost')}
        </div>
      )}
      <NoticeBanner />
      <div className={styles.body}>
        <Dock current={route === 'about' ? 'settings' : route} onSelect={setRoute} />
        <main className={styles.screen}>
          {!synced ? (
            <p className={styles.loading}>{t('app.loading')}</p>
          ) : route === 'home' ? (
            <HomeScreen now={now} />
          ) : route === 'profiles' || route === 'charging' || route === 'swap' ? (
            <PlaceholderScreen feature={route} />
          ) : route === 'simulator' ? (
            <SimulatorScreen />
          ) : route === 'settings' ? (
            <SettingsScreen now={now} onOpenAbout={() => setRoute('about')} />
          ) : (
            <AboutScreen onBack={() => setRoute('settings')} />
          )}
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
