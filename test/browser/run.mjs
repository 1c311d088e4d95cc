// Browser tests: Debian Chromium driven by playwright-core against the demo
// started as the README says. Screenshots go to test/browser/screenshots/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { APP_URL, startDemo } from './demo.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const shots = path.join(here, 'screenshots');
fs.mkdirSync(shots, { recursive: true });

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let demo;
let browser;
let page;

before(async () => {
  // NETPOL_DEMO_RUNNING=1 reuses a demo you already started with `npm run demo`.
  if (!process.env.NETPOL_DEMO_RUNNING) demo = await startDemo();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: APP_URL });
  page = await context.newPage();
  await page.goto(`${APP_URL}/catalog/default/component/shop-web`);
  try {
    await page.getByRole('button', { name: /enter/i }).click({ timeout: 60_000 });
    await page.getByRole('tab', { name: 'Network policy' }).waitFor({ timeout: 60_000 });
  } catch (e) {
    await page.screenshot({ path: path.join(shots, 'sign-in-failed.png'), fullPage: true });
    throw e;
  }
}, { timeout: 420_000 });

after(async () => {
  await browser?.close();
  await demo?.stop();
});

async function openTab(entity) {
  await page.goto(`${APP_URL}/catalog/default/component/${entity}/netpol-compliance`);
  await page.getByRole('heading', { name: 'Namespaces' }).waitFor({ timeout: 60_000 });
}

/** The table row of one namespace on one cluster, by its visible text. */
function namespaceRow(clusterTitle, namespace) {
  return page
    .getByRole('row')
    .filter({ hasText: clusterTitle })
    .filter({ has: page.getByText(namespace, { exact: true }) });
}

describe('the Network policy tab', () => {
  it('shows a multi-cluster service: isolated on prod-eu, open on staging-us', async () => {
    await openTab('shop-web');
    const prod = namespaceRow('Production (eu)', 'shop');
    const staging = namespaceRow('Staging (us)', 'shop');
    await prod.first().waitFor();
    assert.match(await prod.first().innerText(), /Pass/);
    assert.doesNotMatch(await prod.first().innerText(), /Fail/);
    assert.match(await staging.first().innerText(), /Fail/);
    await page.screenshot({ path: path.join(shots, 'tab-shop-web.png'), fullPage: true });
  });

  it('shows a failing service with the reason', async () => {
    await openTab('billing-invoicer');
    const row = namespaceRow('Production (eu)', 'legacy-billing');
    await row.first().waitFor();
    assert.match(await row.first().innerText(), /Fail/);
    assert.match(await page.locator('body').innerText(), /No NetworkPolicy/);
    await page.screenshot({ path: path.join(shots, 'tab-billing-invoicer.png'), fullPage: true });
  });

  it('shows a partly compliant service: policy present, workload uncovered, allow-all warning', async () => {
    await openTab('payments-api');
    const row = namespaceRow('Production (eu)', 'payments');
    await row.first().waitFor();
    const text = await row.first().innerText();
    assert.match(text, /Pass/); // NETPOL-001: it has a policy
    assert.match(text, /Fail/); // NETPOL-003: fraud-worker is selected by none
    assert.match(text, /Warning/); // NETPOL-006: egress to 0.0.0.0/0
    await page.screenshot({ path: path.join(shots, 'tab-payments-api.png'), fullPage: true });
  });

  it('tells the owner of an unmapped entity which annotations to add', async () => {
    await page.goto(`${APP_URL}/catalog/default/component/docs-site`);
    await page.getByText('docs-site').first().waitFor({ timeout: 60_000 });
    // The tab is only offered for mapped entities.
    assert.equal(await page.getByRole('tab', { name: 'Network policy' }).count(), 0);
  });
});
