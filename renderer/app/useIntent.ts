// Sends an intent from a screen and keeps the last refusal to show — the host's reason (translated) or its one-line message — and which intent is in flight.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntentReason } from '../../shared/ipc/contract';
import type { IntentName, IntentRequest, IntentResponse } from '../../shared/ipc/intents';
import { useBridge } from './bridgeContext';

/** Kept untranslated, so switching the language re-renders the message in the new one. */
type Refusal = { reason: IntentReason } | { message: string };

/** The feature's sentence around a refusal the host gave no reason key for ("… could not do that: {{message}}"). */
export type RefusedKey = 'charging.refused' | 'profiles.refused' | 'swap.refused';

/** A key the host chose at run time (a reason, a problem, an outcome), in the driver's language. */
export function hostText(t: unknown, key: string, params?: Record<string, string | number>): string {
  // Each service's strings test proves every key it sends is in both locale files.
  return (t as (key: string, params?: Record<string, string | number>) => string)(key, params);
}

/** `Allowed` narrows the intents a feature's screens may send (its own domain). */
export function useIntent<Allowed extends IntentName>(refusedKey: RefusedKey) {
  const bridge = useBridge();
  const { t } = useTranslation();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState<Allowed | null>(null);

  const run = useCallback(
    async <N extends Allowed>(name: N, request: IntentRequest<N>): Promise<IntentResponse<N> | null> => {
      setBusy(name);
      try {
        const result = await bridge.invoke(name, request);
        if (result.ok) {
          setRefusal(null);
          return result.value;
        }
        setRefusal(result.error.reason ? { reason: result.error.reason } : { message: result.error.message });
        return null;
      } finally {
        setBusy(null);
      }
    },
    [bridge],
  );

  const message = refusal === null ? null : 'reason' in refusal ? hostText(t, refusal.reason.key, refusal.reason.params) : t(refusedKey, { message: refusal.message });
  return { run, message, busy, clear: useCallback(() => setRefusal(null), []) };
}
