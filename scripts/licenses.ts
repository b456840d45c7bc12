// `npm run licenses`: the licences of the packages Cabin ships (the About screen's list), one line each, for a release review.
import { resolve } from 'node:path';
import { collectLicenses, DATA_SOURCES } from '../main/services/about/licenses';

const root = resolve(import.meta.dirname, '..');
const packages = await collectLicenses(root);
for (const p of packages) process.stdout.write(`${p.name}@${p.version}\t${p.license}${p.text ? '' : '\t(no licence text shipped)'}\n`);
for (const d of DATA_SOURCES) process.stdout.write(`data: ${d.name}\t${d.license}\n`);
process.stderr.write(`${packages.length} packages, ${DATA_SOURCES.length} data sources\n`);
