// The list of benchmark suites `npm run bench` runs, in order.
import { gatewaySuite } from './gateway';
import { candumpSuite } from './gatewayCandump';
import type { BenchSuite } from './harness';
import { mappingSuite } from './mapping';

export const suites: BenchSuite[] = [gatewaySuite, candumpSuite, mappingSuite];
