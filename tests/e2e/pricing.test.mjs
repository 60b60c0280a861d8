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
  const cat = w.engines.PricingCatalogue.build(a.seed, a.size, null);
  const run = new w.engines.PricingRun(cat, w.engines.defaultPolicyJson(), a.years, a.seed, null, null);
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
  const fmt = await page.evaluate(async (v) => (await import('/www/build/i18n.js')).formatCny(v, 'zh-CN'), eng.expected);
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

/** The pricing view's field error box and the marked controls. */
const marks = (page) => inWidget(page, (w, r) => {
  const s = r.querySelector('section[data-view="pricing"]');
  const box = s.querySelector('.field-error-msg');
  return {
    hidden: box.hidden,
    code: box.dataset.code,
    field: box.dataset.field,
    text: box.querySelector('.field-error-text').textContent,
    shownCode: box.querySelector('code.field-error-code')?.textContent ?? null,
    boxText: box.textContent,
    marked: [...s.querySelectorAll('[aria-invalid="true"]')].map((c) => c.className.replace('field-invalid', '').trim()),
    classed: s.querySelectorAll('.field-invalid').length,
  };
});

test('every input, a bad value then a good one: coded error in the form\'s words, control marked, last good result kept (issue 9)', async () => {
  const page = await openPricing();
  assert.equal(await runWith(page, SMALL), true);
  const good = await shown(page);
  // [input, bad values → code, field, form label (zh)]
  const cases = [
    ['years', [['0', 'OUT_OF_RANGE'], ['-5', 'OUT_OF_RANGE'], ['abc', 'INVALID_INPUT'], ['1.5', 'INVALID_INPUT'], ['1e308', 'TOO_LARGE'], ['Infinity', 'TOO_LARGE']], 'simulation.years', /模拟年数 N/, 'years'],
    ['seed', [['-1', 'OUT_OF_RANGE'], ['NaN', 'INVALID_INPUT'], ['1e308', 'OUT_OF_RANGE'], ['0.5', 'INVALID_INPUT']], 'catalogue.seed', /随机种子/, 'seed'],
    ['lambda', [['-1', 'OUT_OF_RANGE'], ['0', 'OUT_OF_RANGE'], ['-0', 'OUT_OF_RANGE'], ['x', 'INVALID_INPUT'], ['1e308', 'OUT_OF_RANGE']], 'catalogue.lambda', /年均台风数 λ/, 'lambda'],
    ['size', [['0', 'OUT_OF_RANGE'], ['1.5', 'INVALID_INPUT'], ['1e9', 'TOO_LARGE'], ['20001', 'TOO_LARGE']], 'catalogue.size', /事件集规模 K/, 'size'],
    ['premium', [['abc', 'INVALID_INPUT'], ['-1', 'OUT_OF_RANGE'], ['1e308', 'OUT_OF_RANGE'], ['1e13', 'OUT_OF_RANGE']], 'pricing.compare_premium', /对比保费（元）/, 'compare-premium'],
  ];
  const goodInputs = { ...SMALL, lambda: '0.5', premium: '' };
  for (const [key, bads, field, label, cls] of cases) {
    for (const [bad, code] of bads) {
      assert.equal(await runWith(page, { ...goodInputs, [key]: bad }), false, `${key} = ${bad}`);
      const m = await marks(page);
      assert.equal(m.hidden, false, `${key} = ${bad}`);
      assert.equal(m.code, code, `${key} = ${bad}: ${m.text}`);
      assert.equal(m.field, field, `${key} = ${bad}`);
      // The message first (no bracketed code); the code follows it in a muted <code>.
      assert.ok(m.boxText.startsWith(m.text) && !/^\[/.test(m.text), m.boxText);
      assert.equal(m.shownCode, code);
      assert.match(m.text, label, `${key} = ${bad}: ${m.text}`);
      assert.deepEqual(m.marked, [cls], `${key} = ${bad}: the one control is marked`);
      assert.equal(m.classed, 1);
      assert.deepEqual(await shown(page), good, `${key} = ${bad}: last good result kept`);
    }
    if (key === 'years') await page.screenshot({ path: join(SHOTS, 'pricing-bad-years.png') });
    // The good value runs and clears the mark.
    assert.equal(await runWith(page, goodInputs), true, `${key}: good value runs`);
    const ok = await marks(page);
    assert.equal(ok.hidden, true);
    assert.deepEqual(ok.marked, []);
    assert.equal(ok.classed, 0);
  }
  // The message follows the widget's language.
  assert.equal(await runWith(page, { ...goodInputs, years: '0' }), false);
  await page.evaluate(() => document.querySelector('zs-risk-map').setAttribute('lang', 'en'));
  const m = await marks(page);
  // The message names the field first; the code follows it as a small <code>, not a prefix.
  assert.match(m.text, /^years N must be within 1–1000000 \(got 0\)/);
  assert.match(m.boxText, /^years N must be within/);
  assert.doesNotMatch(m.boxText, /\[[A-Z_]+\]/);
  assert.equal(m.shownCode, 'OUT_OF_RANGE');
  assert.equal(m.code, 'OUT_OF_RANGE');
  await page.screenshot({ path: join(SHOTS, 'pricing-bad-years-en.png') });
  assert.equal(await runWith(page, goodInputs), true);
  const errors = page.errors.filter((e) => !/RiskMapError/.test(e));
  assert.deepEqual(errors, []);
  await page.close();
});

test('standard error with its parts, relative SE, exceedance counts and CSV are shown (issue 13 item 8)', async () => {
  const page = await openPricing();
  assert.equal(await runWith(page, { years: 1000, seed: 1, size: 300 }), true);
  const r = await inWidget(page, (w) => w.views.get('pricing').result);
  assert.ok(Number(r.standard_error_catalogue) > 0, 'the catalogue term is in the SE');
  const ui = await inWidget(page, (w, r2) => {
    const s = r2.querySelector('section[data-view="pricing"]');
    return {
      rse: s.querySelector('.head .rse').textContent,
      parts: s.querySelector('.f-se-parts').textContent,
      exc: [...s.querySelectorAll('table.rp-table td.exc')].map((td) => td.textContent),
      few: s.querySelectorAll('table.rp-table td.exc.few').length,
      exhaust: s.querySelector('.f-exhaust').textContent,
      attach: s.querySelector('.f-attach').textContent,
      oepHead: s.querySelectorAll('table.rp-table th')[3].textContent,
    };
  });
  assert.match(ui.rse, /^相对标准误 \d+\.\d\d%$/);
  assert.match(ui.parts, /年份抽样 .*事件集抽样 /);
  // 1,000 years: 5-yr rests on 200 exceedances; 50/100/200-yr on 20/10/5 — flagged.
  assert.deepEqual(ui.exc, ['200', '100', '50', '仅 20 次超越', '仅 10 次超越', '仅 5 次超越']);
  assert.equal(ui.few, 3);
  assert.match(ui.attach, /年，\d+ 次超越$/);
  if (r.years_exhausted > 0 && r.years_exhausted < 30) assert.match(ui.exhaust, /年，仅 \d+ 次超越$/);
  assert.equal(ui.oepHead, '年最大单次赔付 OEP（累计限额前）');
  const csv = await inWidget(page, (w) => w.views.get('pricing').csv());
  assert.ok(csv.startsWith('\ufeffkey,value'), 'CSV with BOM');
  assert.ok(csv.includes(`standard_error_catalogue_yuan,${r.standard_error_catalogue},`));
  assert.ok(csv.includes('relative_standard_error,'));
  // One money formatter: an amount below a limit never shows equal to it (issue 13).
  const fmt = await page.evaluate(async () => {
    const { formatCny } = await import('/www/build/i18n.js');
    return ['149995000', '150000000', '149999999.99', '4567500', '25480'].map((v) => formatCny(v, 'zh-CN'));
  });
  assert.deepEqual(fmt, ['1.4999亿元', '1.5亿元', '1.4999亿元', '456.75万元', '2.54万元']);
  await shot(page, '.rp', 'pricing-se-exceedances.png');
  assert.deepEqual(page.errors, []);
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
  assert.match(errs[0]?.field ?? '', /events\[0\]\.annual_rate/, JSON.stringify(errs));
  const bad = await marks(page);
  assert.equal(bad.code, 'OUT_OF_RANGE');
  assert.match(bad.text, /事件 0 的年发生率/);
  assert.deepEqual(bad.marked, ['event-set']);
  // Two events: a strong one every 20 years over 坦洲/神湾, a weaker one every 5 years.
  const status = await load(JSON.stringify({ events: [
    { name: 'strong', annual_rate: 0.05, winds_ms: { '442000107': 45, '442000117': 44 } },
    { name: 'weak', annual_rate: 0.2, winds_ms: { '442000107': 30 } },
  ] }));
  assert.match(status, /2/);
  assert.deepEqual((await marks(page)).marked, [], 'a good event set clears the mark');
  assert.equal(await runWith(page, { years: 2000, seed: 3 }), true);
  const result = await inWidget(page, (w) => w.views.get('pricing').result);
  assert.equal(result.catalogue_size, 2);
  assert.ok(Math.abs(result.lambda - 0.25) < 1e-9, `λ = Σ rates, got ${result.lambda}`);
  assert.ok(Number(result.expected_annual_payout) > 0);
  await page.screenshot({ path: join(SHOTS, 'pricing-user-event-set.png') });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a language switch (zh → en → zh) keeps the typed inputs and the last result', async () => {
  const page = await openPricing();
  const inputs = { ...SMALL, seed: 7, lambda: '0.4', premium: '123456' };
  assert.equal(await runWith(page, inputs), true);
  const state = () => inWidget(page, (w, r) => {
    const s = r.querySelector('section[data-view="pricing"]');
    return {
      inputs: [...s.querySelectorAll('aside input, aside select')].map((x) => `${x.className}=${x.value}`),
      result: JSON.stringify(w.views.get('pricing').result),
    };
  });
  const before = await state();
  assert.ok(before.inputs.some((x) => x.endsWith('=123456')), before.inputs.join());
  for (const lang of ['en', 'zh-CN']) {
    await page.evaluate((l) => document.querySelector('zs-risk-map').setAttribute('lang', l), lang);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.deepEqual(await state(), before, `${lang}: inputs and result kept`);
  }
  assert.deepEqual(page.errors, []);
  await page.close();
});
