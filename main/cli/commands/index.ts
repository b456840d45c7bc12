// The list of `cabin` subcommands, in the order --help shows them.
import type { CliCommand } from '../command';
import { gatewayCommand } from './gateway';
import { startCommand } from './start';
import { simulateCommand } from './simulate';
import { canCommand } from './can';
import { stationsCommand } from './stations';
import { profilesCommand } from './profiles';
import { swapOperatorCommand } from './swapOperator';
import { brandCommand } from './brand';

export const commands: CliCommand[] = [startCommand, gatewayCommand, simulateCommand, canCommand, stationsCommand, swapOperatorCommand, brandCommand, profilesCommand];
