// Shared set-up for the end-to-end tests: a loopback static server, Debian's Chromium driven by
// playwright-core, and pages that record every console error and page error.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';

export const SHOTS = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');
mkdirSync(SHOTS, { recursive: true });

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export async function setup() {
  const server = await startServer(0);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS });
  return {
    base,
    browser,
    /** Opens a page and collects console errors / page errors into page.errors. */
    async open(path = '/www/index.html', { dpr = 1, width = 1280, height = 900 } = {}) {
      const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: dpr });
      page.errors = [];
      page.on('console', (m) => { if (m.type() === 'error') page.errors.push(`console: ${m.text()}`); });
      page.on('pageerror', (e) => page.errors.push(`pageerror: ${e.message}`));
      await page.goto(base + path);
      await page.waitForFunction(() => { const w = document.querySelector('zs-risk-map'); return w && (w.state === 'ready' || w.state === 'failed'); }, null, { timeout: 30000 });
      return page;
    },
    async close() { await browser.close(); server.close(); },
  };
}

/** Evaluates inside the widget's shadow root. */
export const inWidget = (page, fn, arg) => page.evaluate(([src, a]) => {
  const w = document.querySelector('zs-risk-map');
  return new Function('w', 'root', 'arg', `return (${src})(w, root, arg);`)(w, w.shadowRoot, a);
}, [fn.toString(), arg]);
