// Browser tests: Debian Chromium driven by playwright-core against the demo
// started as the README says. Screenshots go to test/browser/screenshots/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { APP_URL, BACKEND_URL, guestToken, startDemo } from './demo.mjs';

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
    await entityTab().waitFor({ timeout: 60_000 });
  } catch (e) {
    await page.screenshot({ path: path.join(shots, 'sign-in-failed.png'), fullPage: true });
    throw e;
  }
}, { timeout: 420_000 });

/**
 * The entity page's "Network policy" tab. The new frontend system's entity
 * header renders its tabs as navigation links, not ARIA tabs.
 */
function entityTab() {
  return page.getByRole('link', { name: 'Network policy', exact: true });
}

after(async () => {
  await browser?.close();
  await demo?.stop();
});

async function openTab(entity) {
  await page.goto(`${APP_URL}/catalog/default/component/${entity}/netpol-compliance`);
  await page
    .getByRole('table', { name: 'Network policy compliance per namespace' })
    .waitFor({ timeout: 60_000 });
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

  it('shows the Connections section: the declared dependency on payments-api that shop blocks', async () => {
    await openTab('shop-web');
    const section = page.getByRole('region', { name: 'Connections' });
    await section.waitFor({ timeout: 60_000 });
    const text = await section.innerText();
    assert.match(text, /NETPOL-007/);
    // The scan read the catalog's relations: verdicts, not a placeholder.
    assert.doesNotMatch(text, /No scan has checked the catalog relations yet/);
    const toPayments = section.getByRole('row').filter({ hasText: 'payments/Deployment/payments-api' });
    assert.match(await toPayments.first().innerText(), /Blocked/);
    assert.match(text, /ingress-nginx/); // open but undeclared, let in by shop/allow-ingress-to-web
    await section.screenshot({ path: path.join(shots, 'connections-shop-web.png') });
  });

  it('offers the verified least-privilege set beside the default deny, with the policy it replaces', async () => {
    await openTab('shop-web');
    const summary = page.getByRole('list', { name: 'Least-privilege policies' });
    await summary.waitFor({ timeout: 60_000 });
    assert.match(await summary.innerText(), /shop on prod-eu: verified/);
    await page.getByRole('button', { name: /details for shop on prod-eu/i }).click();
    const fix = page.getByRole('region', { name: 'Least-privilege policies for shop on prod-eu' });
    await fix.waitFor({ timeout: 60_000 });
    const text = await fix.innerText();
    assert.match(text, /Verified with these policies applied/);
    assert.match(text, /6 of 6 declared connections allowed/);
    // The hand-written policy that lets ingress-nginx in goes, and the page says what that closes.
    assert.match(text, /allow-ingress-to-web: it admits sources from outside the namespace.*today it lets in ingress-nginx to Deployment\/web/);
    assert.match(text, /kubectl delete networkpolicy -n shop allow-ingress-to-web/);
    assert.match(text, /name: allow-egress-from-deployment-cart-api/);
    await fix.screenshot({ path: path.join(shots, 'least-privilege-shop.png') });
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
    assert.equal(await entityTab().count(), 0);
  });
});

describe('remediation', () => {
  it('copies the generated YAML of a failing namespace', async () => {
    await openTab('billing-invoicer');
    await page.getByRole('button', { name: /fix and evidence for legacy-billing/i }).click();
    const snippetCopy = page.getByRole('button', { name: 'Copy text' }).first();
    await snippetCopy.click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /kind: NetworkPolicy/);
    assert.match(copied, /namespace: legacy-billing/);
    assert.match(await page.locator('body').innerText(), /kubectl apply -n legacy-billing -f -/);
    await page.screenshot({ path: path.join(shots, 'remediation-legacy-billing.png'), fullPage: true });
  });
});

describe('the overview page', () => {
  async function openOverview(query = '') {
    await page.goto(`${APP_URL}/netpol-compliance${query}`);
    await page.getByRole('table', { name: 'Namespaces' }).waitFor({ timeout: 60_000 });
  }
  const tableText = () => page.getByRole('table', { name: 'Namespaces' }).innerText();

  it('lists every namespace of every cluster with owners', async () => {
    await openOverview();
    const text = await tableText();
    for (const expected of ['legacy-billing', 'payments', 'analytics', 'team-shop']) {
      assert.match(text, new RegExp(expected));
    }
    await page.screenshot({ path: path.join(shots, 'overview.png'), fullPage: true });
  });

  it('filters by cluster and status', async () => {
    await openOverview();
    const filters = page.getByRole('search', { name: 'Filter namespaces' });
    await filters.getByLabel('Cluster', { exact: true }).selectOption('staging-us');
    await page.waitForURL(/cluster=staging-us/);
    await filters.getByLabel('Status', { exact: true }).selectOption('fail');
    await page.waitForURL(/status=fail/);
    await page.waitForFunction(() => !document.body.innerText.includes('legacy-billing'));
    const text = await tableText();
    assert.match(text, /shop/);
    assert.doesNotMatch(text, /legacy-billing/); // prod-eu only
    await page.screenshot({ path: path.join(shots, 'overview-filtered.png'), fullPage: true });
  });

  it('exports the filtered namespaces as CSV', async () => {
    await openOverview('?cluster=prod-eu');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const file = path.join(shots, 'export.csv');
    await download.saveAs(file);
    const lines = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
    assert.match(lines[0], /cluster/i);
    assert.match(lines[0], /namespace/i);
    assert.ok(lines.some(l => l.includes('legacy-billing')));
    assert.ok(lines.slice(1).every(l => l.includes('prod-eu')));
  });
});

describe('control docs', () => {
  it('explains a control with its framework mappings', async () => {
    await page.goto(`${APP_URL}/netpol-compliance/controls/NETPOL-001`);
    await page.getByText('Framework mappings').waitFor({ timeout: 60_000 });
    const text = await page.locator('body').innerText();
    assert.match(text, /NETPOL-001/);
    assert.match(text, /CIS Kubernetes/);
    assert.match(text, /5\.3\.2/);
    assert.match(text, /kind: NetworkPolicy/);
    await page.screenshot({ path: path.join(shots, 'docs-netpol-001.png'), fullPage: true });
  });
});

// Issue 14: the facts and the control docs where platform teams already look.
describe('Tech Insights and search', () => {
  it('shows the netpol-compliance facts and checks on the entity page', { timeout: 300_000 }, async () => {
    // The demo's fact retriever first runs a minute after start.
    const deadline = Date.now() + 240_000;
    let text = '';
    for (;;) {
      await page.goto(`${APP_URL}/catalog/default/component/shop-web`);
      await page.getByText('Network policy checks (Tech Insights)').waitFor({ timeout: 60_000 });
      text = await page.locator('body').innerText();
      if (/Namespaces mapped: [1-9]/.test(text)) break;
      if (Date.now() > deadline) assert.fail(`the Tech Insights card shows no facts: ${text.slice(0, 400)}`);
      await new Promise(resolve => setTimeout(resolve, 10_000));
    }
    assert.match(text, /Every namespace has a default deny/);
    assert.match(text, /No namespace without a network policy/);
    await page.screenshot({ path: path.join(shots, 'tech-insights.png'), fullPage: true });
  });

  it('finds the default-deny control page when searching "default deny"', { timeout: 180_000 }, async () => {
    await page.goto(`${APP_URL}/search?query=${encodeURIComponent('default deny')}`);
    const hit = page.getByRole('link', { name: /NETPOL-004/ }).first();
    await hit.waitFor({ timeout: 120_000 });
    await page.screenshot({ path: path.join(shots, 'search-default-deny.png'), fullPage: true });
    await hit.click();
    await page.waitForURL(/netpol-compliance.*NETPOL-004/i, { timeout: 60_000 });
  });
});

// Last: the regression makes prod-eu/shop fail until it is undone.
describe('owner notifications', () => {
  const demoScript = action =>
    promisify(execFile)(process.execPath, [path.join(here, '../../scripts/demo-regress.mjs'), action], {
      timeout: 180_000,
    });

  const regressionsOfShop = async () => {
    const res = await fetch(`${BACKEND_URL}/api/notifications/notifications`, {
      headers: { Authorization: `Bearer ${await guestToken()}` },
    });
    const { notifications } = await res.json();
    return notifications.filter(n => n.payload.title === 'Network isolation regressed for shop-web').length;
  };

  it('shows the notification `npm run demo:regress` causes', { timeout: 300_000 }, async () => {
    const earlier = await regressionsOfShop();
    const { stdout } = await demoScript('regress');
    assert.match(stdout, /the notifier ran/);
    try {
      // One per regression, to the guest (in team-shop, which owns shop-web).
      assert.equal(await regressionsOfShop(), earlier + 1);
      await page.goto(`${APP_URL}/notifications`);
      const notification = page.getByText(/Network isolation regressed for shop-/).first();
      await notification.waitFor({ timeout: 60_000 });
      assert.match(await page.locator('body').innerText(), /NETPOL-004 Namespace denies ingress by default now fails in 1 namespace/);
      await page.screenshot({ path: path.join(shots, 'notifications.png'), fullPage: true });
    } finally {
      await demoScript('undo');
    }
  });
});
