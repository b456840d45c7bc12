// Wires the replica store, the bridge and i18n into React, and keeps the UI language in step with settings.
import { useEffect, useMemo, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { Provider } from 'react-redux';
import type { CabinBridge } from '../../shared/ipc/bridge';
import { selectEffectivePreferences } from '../../shared/state/profilesSlice';
import { BridgeContext } from './bridgeContext';
import { createRendererI18n } from './i18n';
import { useAppSelector, type ReplicaStore } from './store';

interface Props {
  store: ReplicaStore;
  bridge: CabinBridge;
  children: ReactNode;
}

export function AppProviders({ store, bridge, children }: Props) {
  const i18n = useMemo(() => createRendererI18n(selectEffectivePreferences(store.getState()).language), [store]);
  return (
    <Provider store={store}>
      <BridgeContext.Provider value={bridge}>
        <I18nextProvider i18n={i18n}>
          <LanguageFollower i18n={i18n} />
          {children}
        </I18nextProvider>
      </BridgeContext.Provider>
    </Provider>
  );
}

function LanguageFollower({ i18n }: { i18n: ReturnType<typeof createRendererI18n> }) {
  // The active profile's language, else the device's.
  const language = useAppSelector((s) => selectEffectivePreferences(s).language);
  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);
  return null;
}
