// The authoritative Redux store, built from the same reducers as the renderer's replica.
import { configureStore, type Middleware } from '@reduxjs/toolkit';
import { rootReducer } from '../../shared/state/rootReducer';

export function createHostStore(extraMiddleware: Middleware[] = []) {
  return configureStore({
    reducer: rootReducer,
    middleware: (getDefault) =>
      getDefault({
        // The vehicle slice takes thousands of updates a second: the dev-only checks would dominate.
        immutableCheck: false,
        serializableCheck: false,
      }).concat(extraMiddleware),
  });
}

export type HostStore = ReturnType<typeof createHostStore>;
