// Tells the driver and the log what opening the data folder found (read-only folder, temp files of a killed writer).
import { noticeRaised } from '../../../shared/state/uiSlice';
import type { HostStore } from '../../host/hostStore';
import type { Storage } from './storage';

export function announceStorage(storage: Pick<Storage, 'notices'>, store: Pick<HostStore, 'dispatch'>, report: (line: string) => void, now: () => number): void {
  for (const notice of storage.notices) {
    report(`storage: ${notice.message}`);
    // Temp files are support's business; a read-only folder changes what the driver can expect.
    if (notice.kind === 'readOnly') {
      store.dispatch(noticeRaised({ id: 'storage-read-only', code: 'storageReadOnly', detail: notice.message, at: now() }));
    }
  }
}
