// End-to-end: the 风险定价 (risk pricing) view in Chromium (issue 6) — a chunked run with a
// progress bar, results equal to the wasm engine's, determinism, cancel, bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, inWidget, SHOTS } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const SMALL = { years: 2000, seed: 1, size: 300 };

async function openPricing(opts) {
  const page = await env.open('/www/index.html', { width: 1400, height: 1100, ...opts });
  await page.evaluate(() => {
    window.__priced = [];
    const w = document.querySelector('zs-risk-map');
    w.addEventListener('priced', (e) => window.__priced.push(e.detail));
    w.setAttribute('view', 'pricing');
  });
  await page.waitForFunction(() => document.querySelector('zs-risk-map').views.get('pricing'), null, { timeout: 30000 });
  return page;
}

/** Sets the form and runs; resolves to the view's return value (true = complete result shown). */
const runWith = (page, inputs) => inWidget(page, async (w, r, v) => {
  const view = w.views.get('pricing');
  view.setInputs(v);
  return view.run();
}, inputs);

/** The same run computed directly by the engine (one-shot catalogue, 1,000-year steps). */
const engineRun = (page, { years, seed, size }) => inWidget(page, (w, r, a) => {
  const cat = w.wasm.PricingCatalogue.build(a.seed, a.size, null);
  const run = new w.wasm.PricingRun(cat, w.wasm.defaultPolicyJson(), a.years, a.seed, null, null);
  while (!run.isDone()) run.step(777);
  const out = { expected: run.expectedAnnualPayout(), result: run.result() };
  run.free(); cat.free();
  return out;
}, { years, seed, size });

const shown = (page) => inWidget(page, (w, r) => {
  const s = r.querySelector('section[data-view="pricing"]');
  return {
    expected: s.querySelector('.head .expected')?.dataset.value,
    expectedText: s.querySelector('.head .expected')?.textContent,
    se: s.querySelector('.head .se')?.dataset.value,
    rows: s.querySelectorAll('table.rp-table tbody tr').length,
    table: [...s.querySelectorAll('table.rp-table tbody tr')].map((tr) => tr.textContent),
    gross: s.querySelector('table.premium-table .gross')?.dataset.value,
    resultsHidden: s.querySelector('.results').hidden,
  };
});

/** Non-white pixels of a canvas in the pricing view. */
const inked = (page, cls) => inWidget(page, (w, r, c) => {
  const cv = r.querySelector(`section[data-view="pricing"] canvas.${c}`);
  const d = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
  let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i] < 230 || d[i + 1] < 230 || d[i + 2] < 230) n++;
  return { n, w: cv.width, h: cv.height };
}, cls);

/** Scrolls the results pane to a block and takes a viewport screenshot. */
async function shot(page, selector, name) {
  await inWidget(page, (w, r, sel) => {
    const left = r.querySelector('section[data-view="pricing"] .left');
    const el = r.querySelector(`section[data-view="pricing"] ${sel}`);
    left.scrollTop = el.offsetTop - left.offsetTop;
  }, selector);
  await page.screenshot({ path: join(SHOTS, name) });
}

test('run 2,000 years (K 300): results equal the engine; EP chart drawn; same seed → same figures', async () => {
  const page = await openPricing();
  assert.equal(await inWidget(page, (w) => w.views.get('pricing').result), null, 'nothing before the first run');
  assert.equal(await runWith(page, SMALL), true);
  const s = await shown(page);
  assert.equal(s.resultsHidden, false);
  assert.equal(s.rows, 6, 'return-period table: 5, 10, 20, 50, 100, 200 years');
  const eng = await engineRun(page, SMALL);
  assert.equal(s.expected, eng.expected, 'shown expected payout = the wasm result');
  assert.equal(typeof eng.expected, 'string', 'money crosses as a decimal string');
  const fmt = await page.evaluate(async (v) => (await import('/www/i18n.js')).formatCny(v, 'zh-CN'), eng.expected);
  assert.equal(s.expectedText, fmt, 'shown the Chinese way');
  assert.equal(s.se, eng.result.standard_error);
  assert.equal(s.gross, eng.result.premium.gross);
  const view = await inWidget(page, (w) => w.views.get('pricing').result);
  assert.deepEqual(view, eng.result, 'the whole result equals the engine run with other chunk sizes');
  assert.ok(Number(eng.expected) > 0, 'the default policy pays in some years');
  assert.ok(view.return_periods[5].annual_payout !== null, '200-yr row filled with 2,000 years');
  // Progress bar full and the status says done.
  const st = await inWidget(page, (w, r) => ({ v: r.querySelector('section[data-view="pricing"] progress').value, t: r.querySelector('section[data-view="pricing"] .status').textContent }));
  assert.equal(st.v, 1);
  assert.match(st.t, /^完成：2,000 年/);
  // Charts drawn.
  const ep = await inked(page, 'ep');
  assert.ok(ep.w > 300 && ep.n > 3000, `EP chart has ink (${ep.n} px)`);
  const red = await inWidget(page, (w, r) => {
    const cv = r.querySelector('section[data-view="pricing"] canvas.ep');
    const d = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
    let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i] > 170 && d[i + 1] < 90 && d[i + 2] < 80) n++;
    return n;
  });
  assert.ok(red > 100, `AEP curve (red) drawn: ${red} px`);
  const sc = await inked(page, 'scatter');
  assert.ok(sc.n > 3000, `scatter drawn (${sc.n} px)`);
  const mp = await inked(page, 'pricing-map');
  assert.ok(mp.n > 10000, `town map drawn (${mp.n} px)`);
  // Premium breakdown: pure + 5 loadings + gross; comparison with the policy's premium.
  const prem = await inWidget(page, (w, r) => ({
    keys: [...r.querySelectorAll('section[data-view="pricing"] table.premium-table tbody tr')].map((tr) => tr.dataset.key),
    ratio: r.querySelector('section[data-view="pricing"] .comparison .c-ratio')?.textContent,
  }));
  assert.deepEqual(prem.keys, ['pure', 'safety', 'operating', 'capital', 'tax', 'fund', 'gross']);
  assert.ok(view.premium.comparison, 'compared with the policy premium');
  assert.equal(prem.ratio, `×${Number(view.premium.comparison.ratio_to_technical).toFixed(2)}`);
  // Basis-risk counts shown from the engine.
  const cnt = await inWidget(page, (w, r) => r.querySelector('section[data-view="pricing"] .n-pay-only-event').textContent);
  assert.equal(cnt.replace(/,/g, ''), String(view.basis_risk.per_event.paid_without_loss));
  // The priced event carries the key figures.
  const ev = await page.evaluate(() => window.__priced);
  assert.equal(ev.length, 1);
  assert.equal(ev[0].expected_annual_payout, eng.expected);
  assert.equal(ev[0].technical_premium, eng.result.premium.gross);
  assert.equal(ev[0].years, 2000);
  await shot(page, '.head', 'pricing-ep.png');
  await shot(page, '.rp', 'pricing-table-premium.png');
  await shot(page, '.chart.scatter', 'pricing-basis.png');
  await shot(page, '.town-map', 'pricing-map.png');

  // Same seed again → identical figures (determinism in the browser; catalogue reused).
  assert.equal(await runWith(page, SMALL), true);
  const again = await inWidget(page, (w) => w.views.get('pricing').result);
  assert.deepEqual(again, view);
  assert.equal((await inWidget(page, (w) => w.views.get('pricing').timing)).catalogue_reused, true);
  // Another seed → other figures.
  assert.equal(await runWith(page, { ...SMALL, seed: 2 }), true);
  const other = await inWidget(page, (w) => w.views.get('pricing').result);
  assert.notEqual(other.expected_annual_payout, view.expected_annual_payout);
  // English switch: labels change, the numbers do not.
  await page.evaluate(() => document.querySelector('zs-risk-map').setAttribute('lang', 'en'));
  const en = await inWidget(page, (w, r) => ({
    run: r.querySelector('section[data-view="pricing"] button.run').textContent,
    exp: r.querySelector('section[data-view="pricing"] .head .expected').textContent,
    v: r.querySelector('section[data-view="pricing"] .head .expected').dataset.value,
  }));
  assert.equal(en.run, 'Run');
  assert.match(await inWidget(page, (w, r) => r.querySelector('section[data-view="pricing"] .status').textContent), /^Done: 2,000 years in /);
  assert.match(en.exp, /^CNY /);
  assert.equal(en.v, other.expected_annual_payout);
  await shot(page, '.head', 'pricing-en.png');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('cancel a 10,000-year run: progress stops, the previous result stays', async () => {
  const page = await openPricing();
  assert.equal(await runWith(page, SMALL), true);
  const before = await inWidget(page, (w) => w.views.get('pricing').result);
  const shownBefore = await shown(page);
  // A fresh catalogue of 2,000 events and 10,000 years: long enough to cancel mid-way.
  await inWidget(page, (w) => {
    const v = w.views.get('pricing');
    v.setInputs({ years: 10000, seed: 1, size: 2000 });
    window.__run = v.run();
  });
  await page.waitForFunction(() => {
    const r = document.querySelector('zs-risk-map').shadowRoot;
    const p = r.querySelector('section[data-view="pricing"] progress');
    return p.value > 0 && p.value < 1;
  }, null, { timeout: 20000, polling: 5 });
  assert.equal(await inWidget(page, (w) => w.views.get('pricing').running), true);
  await inWidget(page, (w, r) => r.querySelector('section[data-view="pricing"] button.cancel').click());
  assert.equal(await page.evaluate(() => window.__run), false, 'the run reports it did not complete');
  const stopped = await inWidget(page, (w, r) => ({
    v: r.querySelector('section[data-view="pricing"] progress').value,
    t: r.querySelector('section[data-view="pricing"] .status').textContent,
    running: w.views.get('pricing').running,
    runDisabled: r.querySelector('section[data-view="pricing"] button.run').disabled,
  }));
  assert.equal(stopped.running, false);
  assert.equal(stopped.runDisabled, false);
  assert.ok(stopped.v > 0 && stopped.v < 1, `progress stopped part-way (${stopped.v})`);
  assert.match(stopped.t, /^已取消/);
  await page.waitForTimeout(400);
  const later = await inWidget(page, (w, r) => r.querySelector('section[data-view="pricing"] progress').value);
  assert.equal(later, stopped.v, 'no further progress after cancel');
  assert.deepEqual(await inWidget(page, (w) => w.views.get('pricing').result), before, 'previous result kept');
  assert.deepEqual(await shown(page), shownBefore, 'previous figures still shown');
  assert.equal((await page.evaluate(() => window.__priced)).length, 1, 'no priced event for the cancelled run');
  await page.screenshot({ path: join(SHOTS, 'pricing-cancelled.png') });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('bad inputs (N ≤ 0, λ < 0, non-numeric) show an error; the last good result stays', async () => {
  const page = await openPricing();
  assert.equal(await runWith(page, SMALL), true);
  const good = await shown(page);
  const cases = [
    [{ years: '0' }, /simulation\.years/],
    [{ years: '-5' }, /simulation\.years/],
    [{ years: 'abc' }, /simulation\.years = NaN/],
    [{ years: '2000', lambda: '-1' }, /lambda = -1/],
    [{ lambda: 'x' }, /lambda = NaN/],
    [{ lambda: '0.5', size: '1.5' }, /catalogue\.size/],
    [{ size: '300', premium: 'abc' }, /compare_premium/],
  ];
  for (const [inp, re] of cases) {
    assert.equal(await runWith(page, inp), false, JSON.stringify(inp));
    const err = await inWidget(page, (w, r) => ({ hidden: r.querySelector('.error').hidden, text: r.querySelector('.error').textContent }));
    assert.equal(err.hidden, false, JSON.stringify(inp));
    assert.match(err.text, /输入无效/);
    assert.match(err.text, re);
    assert.match(err.text, /已保留上一次的有效结果/);
    assert.deepEqual(await shown(page), good, 'last good result kept');
  }
  await page.screenshot({ path: join(SHOTS, 'pricing-error.png') });
  // Fixing the input clears the error on the next run.
  await runWith(page, { ...SMALL, lambda: '0.5', premium: '' });
  assert.equal(await inWidget(page, (w, r) => r.querySelector('.error').hidden), true);
  const errors = page.errors.filter((e) => !/RiskMapError/.test(e));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a user-supplied event set replaces the synthetic catalogue; a bad one names the field', async () => {
  const page = await openPricing();
  const load = (text) => inWidget(page, (w, r, t) => {
    const s = r.querySelector('section[data-view="pricing"]');
    s.querySelector('textarea.event-set').value = t;
    s.querySelector('button.load-events').click();
    return s.querySelector('.event-set-status').textContent;
  }, text);
  await page.evaluate(() => { window.__errs = []; document.querySelector('zs-risk-map').addEventListener('error', (e) => window.__errs.push(e.detail)); });
  await load('{"events":[{"name":"A","annual_rate":-1,"winds_ms":{"442000107":45}}]}');
  const errs = await page.evaluate(() => window.__errs);
  assert.match(errs[0]?.message ?? '', /events\[0\]\.annual_rate/, JSON.stringify(errs));
  // Two events: a strong one every 20 years over 坦洲/神湾, a weaker one every 5 years.
  const status = await load(JSON.stringify({ events: [
    { name: 'strong', annual_rate: 0.05, winds_ms: { '442000107': 45, '442000117': 44 } },
    { name: 'weak', annual_rate: 0.2, winds_ms: { '442000107': 30 } },
  ] }));
  assert.match(status, /2/);
  assert.equal(await runWith(page, { years: 2000, seed: 3 }), true);
  const result = await inWidget(page, (w) => w.views.get('pricing').result);
  assert.equal(result.catalogue_size, 2);
  assert.ok(Math.abs(result.lambda - 0.25) < 1e-9, `λ = Σ rates, got ${result.lambda}`);
  assert.ok(Number(result.expected_annual_payout) > 0);
  await page.screenshot({ path: join(SHOTS, 'pricing-user-event-set.png') });
  assert.deepEqual(page.errors, []);
  await page.close();
});
