// Browser benchmarks (prints figures, asserts nothing): opens www/bench.html in Chromium.
import { setup } from './harness.mjs';

const env = await setup();
const page = await env.browser.newPage({ viewport: { width: 1300, height: 1000 } });
await page.goto(`${env.base}/www/bench.html`);
await page.waitForFunction(() => window.__bench, null, { timeout: 120000 });
const text = await page.evaluate(() => document.getElementById('out').textContent);
console.log('browser benchmarks (Chromium, headless):\n' + text.split('\n').map((l) => '  ' + l).join('\n'));
await env.close();
