// Browser benchmarks (prints figures, asserts nothing): opens www/bench.html in Chromium.
import { setup } from './harness.mjs';

const env = await setup();
const page = await env.browser.newPage({ viewport: { width: 1300, height: 1000 } });
await page.goto(`${env.base}/www/bench.html`);
await page.waitForFunction(() => window.__bench, null, { timeout: 120000 });
const text = await page.evaluate(() => document.getElementById('out').textContent);
console.log('browser benchmarks (Chromium, headless):\n' + text.split('\n').map((l) => '  ' + l).join('\n'));
await env.close();

// Premium explainer (安责险): 100,000 seeded synthetic enterprises quoted in Chromium.
{
  const env2 = await setup();
  const p = await env2.browser.newPage();
  await p.goto(`${env2.base}/www/bench-premium.html`);
  await p.waitForFunction(() => window.__bench, null, { timeout: 300000 });
  const t = await p.evaluate(() => document.getElementById('out').textContent);
  console.log('premium benchmark (Chromium, headless):\n' + t.split('\n').map((l) => '  ' + l).join('\n'));
  await env2.close();
}

// Risk pricing (风险定价): 2,000-event catalogue + 10,000 years of the default policy in Chromium.
{
  const env3 = await setup();
  const p = await env3.browser.newPage();
  await p.goto(`${env3.base}/www/bench-pricing.html`);
  await p.waitForFunction(() => window.__bench, null, { timeout: 300000 });
  const t = await p.evaluate(() => document.getElementById('out').textContent);
  console.log('pricing benchmark (Chromium, headless):\n' + t.split('\n').map((l) => '  ' + l).join('\n'));
  await env3.close();
}
