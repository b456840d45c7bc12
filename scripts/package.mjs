#!/usr/bin/env node
// `npm run package -- --brand ID [--dry-run] [electron-builder flags…]`: checks the brand pack, writes its
// electron-builder config and icons under dist/.brands/ID, builds the app and packages it. Never run by tests:
// electron-builder downloads the Electron runtime.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';
import { parse } from 'yaml';
import { findBrowser } from './findBrowser.mjs';

register();
const root = resolve(import.meta.dirname, '..');
const { checkBrandPack } = await import('../main/services/brand/brandPack.ts');
const { formatIssue } = await import('../main/services/brand/brandReport.ts');
const { ICON_SIZES, packagingConfig } = await import('../main/services/brand/packagingConfig.ts');

function fail(message) {
  process.stderr.write(`package: ${message}\n`);
  process.exit(1);
}

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: { brand: { type: 'string', default: 'cabin' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  strict: false,
  allowPositionals: true,
});
if (values.help) {
  process.stdout.write(`Usage: npm run package -- [--brand ID] [--dry-run] [electron-builder flags…]

Packages Cabin under a brand (default: cabin) as AppImage and deb, x64 and arm64 (electron-builder.yml),
with the brand's product name, app id, icons (from logos.mark) and artifact names. The pack is checked
first, exactly as "cabin brand check" does; a pack with problems is not packaged.
  --dry-run   write dist/.brands/ID/electron-builder.json and the icons, then stop
Other flags go to electron-builder, e.g. --linux AppImage --x64.
`);
  process.exit(0);
}
const id = String(values.brand);
const builderArgs = process.argv.slice(2).filter((arg, i, all) => !['--brand', '--dry-run'].includes(arg) && all[i - 1] !== '--brand' && !arg.startsWith('--brand='));

const assetsDir = join(root, 'assets');
const report = await checkBrandPack(join(assetsDir, 'brands', id), { assetsDir });
if (!report.loaded) {
  for (const issue of report.issues) process.stderr.write(`${formatIssue(issue, `assets/brands/${id}/brand.json`)}\n`);
  fail(`brand "${id}" has ${report.issues.length} problem(s); fix them (cabin brand check assets/brands/${id}) before packaging`);
}
const { brand, dir } = report.loaded;

// electron-builder wants PNG icons; the pack has an SVG mark. Chromium draws it at each size.
const workDir = join(root, 'dist', '.brands', id);
const iconDir = join(workDir, 'icons');
mkdirSync(iconDir, { recursive: true });
const browserPath = await findBrowser();
if (browserPath.error) fail(`icons need a Chromium to draw the SVG mark: ${browserPath.error}`);
const { chromium } = await import('playwright-core');
const browser = await chromium.launch({ executablePath: browserPath.path, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const svg = readFileSync(join(dir, brand.logos.mark), 'utf8');
  const page = await browser.newPage();
  for (const size of ICON_SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<html><body style="margin:0;background:transparent"><img style="display:block;width:${size}px;height:${size}px" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"></body></html>`);
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: join(iconDir, `${size}x${size}.png`), omitBackground: true });
  }
} finally {
  await browser.close();
}

const base = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
const assetFolders = readdirSync(assetsDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
const config = packagingConfig({ base, brand, assetFolders, iconDir: `dist/.brands/${id}/icons` });
const configFile = join(workDir, 'electron-builder.json');
writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
process.stderr.write(`package: ${brand.name.en} (${brand.appId}): config ${configFile}, icons ${ICON_SIZES.join(', ')} px\n`);
if (values['dry-run']) process.exit(0);

const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
};
run('npx', ['electron-vite', 'build']);
run('npx', ['electron-builder', '--config', configFile, ...builderArgs, ...positionals]);
process.stderr.write(`package: done; packages are in dist/${id}\n`);
