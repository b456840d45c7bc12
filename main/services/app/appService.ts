// The app-shell service module: notices the driver dismisses, and the About screen's licences.
import { noticeDismissed } from '../../../shared/state/uiSlice';
import type { HostService, ServiceFactory } from '../../host/service';
import { collectLicenses, DATA_SOURCES } from '../about/licenses';

export const appService: ServiceFactory = ({ store, appRoot }): HostService => {
  let licenses: ReturnType<typeof collectLicenses> | null = null;
  return {
    name: 'app',
    handlers: {
      'notices.dismiss': ({ id }) => {
        const known = store.getState().ui.notices.some((n) => n.id === id);
        if (known) store.dispatch(noticeDismissed({ id }));
        return { dismissed: known };
      },
      'about.licenses': async () => {
        licenses ??= collectLicenses(appRoot);
        return { packages: await licenses, dataSources: DATA_SOURCES };
      },
    },
  };
};
