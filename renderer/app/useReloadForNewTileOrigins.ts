// Reloads the page when a brand switched live needs map tiles from origins this page's CSP does not admit (the host sends the new policy with the page).
import { useEffect, useRef } from 'react';

/**
 * The CSP admits exactly the shown brand's tile origins and is fixed when the page loads; a policy cannot be
 * widened from inside the page. So when the brand on screen needs other origins, the page loads again and
 * gets the host's policy for it. Switching back to origins the page already admits needs nothing.
 */
export function useReloadForNewTileOrigins(synced: boolean, origins: readonly string[]): void {
  const admitted = useRef<readonly string[] | null>(null);
  const key = origins.join(' ');
  useEffect(() => {
    if (!synced) return;
    const wanted = key.split(' ').filter(Boolean);
    if (admitted.current === null) {
      admitted.current = wanted;
      return;
    }
    const allowed = admitted.current;
    if (wanted.some((origin) => !allowed.includes(origin))) window.location.reload();
  }, [synced, key]);
}
