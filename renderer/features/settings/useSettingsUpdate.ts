// Sends a settings change to the host and keeps the last refusal to show the driver.
import { useCallback, useState } from 'react';
import type { SettingsPatch } from '../../../shared/state/settingsSlice';
import { useBridge } from '../../app/bridgeContext';

export function useSettingsUpdate() {
  const bridge = useBridge();
  const [error, setError] = useState<string | null>(null);
  const update = useCallback(
    async (patch: SettingsPatch) => {
      const result = await bridge.invoke('settings.update', patch);
      setError(result.ok ? null : result.error.message);
    },
    [bridge],
  );
  return { update, error };
}
