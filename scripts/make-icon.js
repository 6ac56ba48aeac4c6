#!/usr/bin/env node
'use strict';
// Renders media/icon.svg to media/icon.png (128×128, transparent corners) with the same
// Chromium the UI tests use: the Marketplace needs a PNG icon. Run after changing the SVG:
//   node scripts/make-icon.js
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = path.join(__dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

async function main() {
  const svg = fs.readFileSync(path.join(ROOT, 'media', 'icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: path.join(ROOT, 'media', 'icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
  console.log('wrote media/icon.png');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
