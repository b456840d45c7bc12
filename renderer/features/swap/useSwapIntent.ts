// Sends a swap or reservations intent and keeps the last refusal to show: the host's reason (translated) or its one-line message.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntentReason } from '../../../shared/ipc/contract';
import type { IntentName, IntentRequest, IntentResponse } from '../../../shared/ipc/intents';
import { useBridge } from '../../app/bridgeContext';

type SwapIntent = Extract<IntentName, `swap.${string}` | `reservations.${string}`>;
type Refusal = { reason: IntentReason } | { message: string };

export function useSwapIntent() {
  const bridge = useBridge();
  const { t } = useTranslation();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState<SwapIntent | null>(null);

  const run = useCallback(
    async <N extends SwapIntent>(name: N, request: IntentRequest<N>): Promise<IntentResponse<N> | null> => {
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

  // Host keys arrive at run time; every one it sends is in the locale files (main/services/swap/swapStrings.test.ts).
  const message = refusal === null ? null : 'reason' in refusal ? translateKey(t, refusal.reason.key, refusal.reason.params) : t('swap.refused', { message: refusal.message });
  return { run, message, busy, clear: useCallback(() => setRefusal(null), []) };
}

/** A key the host chose at run time (a problem or an outcome). */
export function translateKey(t: unknown, key: string, params?: Record<string, string | number>): string {
  return (t as (key: string, params?: Record<string, string | number>) => string)(key, params);
}
