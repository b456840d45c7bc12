// The list of `cabin` subcommands, in the order --help shows them; each loads its code only when it runs.
import { lazyCommand } from '../command';

export const commands = [
  lazyCommand('start', 'start Cabin in simulation (parked car at a demo location unless a scenario is chosen)', async () => (await import('./start')).startCommand),
  lazyCommand('gateway', 'run the CAN gateway bridge (socket.io) from a candump log, SocketCAN or the simulated EV', async () => (await import('./gateway')).gatewayCommand),
  lazyCommand('simulate', 'run a driving scenario in virtual time and check its end state', async () => (await import('./simulate')).simulateCommand),
  lazyCommand('can', 'decode candump logs with a DBC, or check a DBC (and its mapping)', async () => (await import('./can')).canCommand),
  lazyCommand('stations', 'import charging-station feeds into a dataset and query it', async () => (await import('./stations')).stationsCommand),
  lazyCommand('swap-operator', 'run the reference battery-swap operator service (open swap-booking protocol)', async () => (await import('./swapOperator')).swapOperatorCommand),
  lazyCommand('brand', 'check a brand pack, or scaffold a new one', async () => (await import('./brand')).brandCommand),
  lazyCommand('profiles', 'list, export and import driver profiles of a data folder', async () => (await import('./profiles')).profilesCommand),
];
