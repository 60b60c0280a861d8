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

// Forecast mode (预报模式, issue 11): 200 ensemble members of the example bulletin in Chromium,
// stepped in chunks of 25 as the forecast view does (one chunk per frame there; here back to
// back, so the figure is the compute time). Prints figures, asserts nothing.
{
  const env4 = await setup();
  const p = await env4.browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await p.goto(`${env4.base}/www/briefing.html`);
  await p.waitForFunction(() => document.querySelector('zs-risk-map')?.state === 'ready', null, { timeout: 60000 });
  const t = await p.evaluate(async () => {
    const m = await document.querySelector('zs-risk-map').module();
    const text = m.ForecastEnsemble.exampleBulletinJson();
    const lines = [];
    for (const seed of [1, 2, 3, 4, 5]) {
      const t0 = performance.now();
      const e = new m.ForecastEnsemble(text, 200, seed, null);
      const t1 = performance.now();
      let slowest = 0;
      while (!e.isDone()) { const a = performance.now(); e.step(25); slowest = Math.max(slowest, performance.now() - a); }
      const r = e.result();
      const t2 = performance.now();
      lines.push(`seed ${seed}: 200 members ${(t2 - t0).toFixed(0)} ms (setup ${(t1 - t0).toFixed(0)} ms, slowest 25-member chunk ${slowest.toFixed(0)} ms), P(any payout) ${(r.payout.p_any * 100).toFixed(0)}%`);
      e.free();
    }
    return lines.join('\n');
  });
  console.log('forecast benchmark (Chromium, headless):\n' + t.split('\n').map((l) => '  ' + l).join('\n'));
  await env4.close();
}
