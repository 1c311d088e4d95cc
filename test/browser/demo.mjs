// Starts the demo exactly as the README's first command does (`npm run
// demo`), waits until the app answers and the first scan is stored, and
// stops it again.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const APP_URL = 'http://localhost:3000';
export const BACKEND_URL = 'http://localhost:7007';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function waitFor(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (e) {
      last = e;
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

/** A guest user's Backstage token, as the app's sign-in page gets one. */
export async function guestToken() {
  const res = await fetch(`${BACKEND_URL}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in: HTTP ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

export async function startDemo({ log = path.join(root, 'test/browser/screenshots/demo.log') } = {}) {
  const fs = await import('node:fs');
  fs.mkdirSync(path.dirname(log), { recursive: true });
  const out = fs.openSync(log, 'w');
  const child = spawn('npm', ['run', 'demo'], {
    cwd: root,
    stdio: ['ignore', out, out],
    detached: true,
    env: { ...process.env, BROWSER: 'none' },
  });
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await new Promise(r => setTimeout(r, 1500));
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  try {
    await waitFor('the app on :3000', async () => (await fetch(APP_URL)).ok, 240_000);
    await waitFor(
      'the first scan of both demo clusters',
      async () => {
        const token = await guestToken();
        const res = await fetch(`${BACKEND_URL}/api/netpol-compliance/status`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        const body = await res.json();
        return res.ok && body.clusters.length >= 2 && body.clusters.every(c => c.scannedAt);
      },
      120_000,
    );
  } catch (e) {
    await stop();
    throw new Error(`${e.message} (demo output: ${log})`);
  }
  return { stop };
}
