// Renderer entry: picks the bridge, builds the replica store and mounts the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AppProviders } from './app/AppProviders';
import { selectBridge } from './app/selectBridge';
import { createReplicaStore, connectReplica } from './app/store';
import './theme/global.css';

const bridge = selectBridge(window);
const store = createReplicaStore();
connectReplica(store, bridge);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProviders store={store} bridge={bridge}>
      <App />
    </AppProviders>
  </StrictMode>,
);
