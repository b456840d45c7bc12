// The list of benchmark suites `npm run bench` runs, in order.
import { gatewaySuite } from './gateway';
import type { BenchSuite } from './harness';

export const suites: BenchSuite[] = [gatewaySuite];
