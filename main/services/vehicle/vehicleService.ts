// The vehicle service module: owns `vehicle.command` and offers the VehicleCommands port to the other services.
import { IntentRefused } from '../../host/intentRouter';
import type { HostService, ServiceFactory } from '../../host/service';
import { createVehicleCommands } from './vehicleCommands';

export const vehicleService: ServiceFactory = ({ store, clock, ports }): HostService => {
  const commands = createVehicleCommands(store, clock);
  ports.vehicleCommands = commands;
  return {
    name: 'vehicle',
    handlers: {
      'vehicle.command': async ({ targets, feature }, call) => {
        const outcome = await commands.send(targets, { feature, client: call.client });
        if (outcome.ok) return { frames: outcome.frames, superseded: outcome.superseded };
        if (outcome.code === 'DROPPED' || outcome.code === 'SEND_FAILED') throw new Error(outcome.error);
        throw new IntentRefused(outcome.error, outcome.reason);
      },
    },
    clientClosed: (call) => commands.dropClient(call.client),
  };
};
