// Child process: the simulated charge-point operator (OCPI 2.2.1 Locations on loopback), started by `cabin start` in simulation; prints its URL as one JSON line and stops with its parent.
import { startChargePointOperator } from '../../../simulator/chargePointOperator';

/** Parties served, e.g. "CN*TLD,NO*MER"; the token comes from the environment, never the command line. */
const parties = (process.env.CABIN_CPO_PARTIES ?? '').split(',').filter(Boolean);
const token = process.env.CABIN_CPO_TOKEN || undefined;
const pageSize = Number(process.env.CABIN_CPO_PAGE_SIZE ?? 200);

const operator = await startChargePointOperator({ parties: parties.length ? parties : undefined, token, maxPageSize: pageSize });
process.stdout.write(`${JSON.stringify({ url: operator.url, locations: operator.locations().length })}\n`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void operator.close().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// The parent went away (even with kill -9): nothing else would ever stop this process.
process.on('disconnect', stop);
