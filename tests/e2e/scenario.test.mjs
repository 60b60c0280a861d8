// End-to-end: the typhoon scenario view (台风情景) and the payout simulator (赔付模拟).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, inWidget, SHOTS } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const view = (w, v) => w.views.get(v);

async function openView(name, opts) {
  const page = await env.open('/www/index.html', { width: 1400, height: 1100, ...opts });
  await page.evaluate((v) => document.querySelector('zs-risk-map').setAttribute('view', v), name);
  await page.waitForFunction((v) => document.querySelector('zs-risk-map').views.get(v), name, { timeout: 20000 });
  return page;
}

test('typhoon view plays Hato hour by hour without errors; screenshot at landfall', async () => {
  const page = await openView('typhoon');
  const rows = await inWidget(page, (w, r) => r.querySelectorAll('section.view-typhoon table.peaks tbody tr').length);
  assert.equal(rows, 23);
  // Landfall: Zhuhai 2017-08-23 12:50 BJT → the 13:00 BJT hour.
  const k = await inWidget(page, (w) => {
    const sc = w.typhoonScenario;
    for (let k = 0; k < sc.steps(); k++) if (sc.step(k).time_bjt.startsWith('2017-08-23 13:00')) return k;
    return -1;
  });
  assert.ok(k > 0, 'landfall hour found');
  await inWidget(page, (w, r, k) => { const s = r.querySelector('section.view-typhoon .timebar input[type=range]'); s.value = String(k); s.dispatchEvent(new Event('input')); }, k);
  const label = await inWidget(page, (w, r) => r.querySelector('section.view-typhoon .timebar .state').textContent);
  assert.match(label, /2017-08-23 13:00 BJT/);
  await page.screenshot({ path: join(SHOTS, 'typhoon-hato-landfall.png') });
  // Play: the step advances, then pause.
  await inWidget(page, (w, r, k) => { const s = r.querySelector('section.view-typhoon .timebar input[type=range]'); s.value = '0'; s.dispatchEvent(new Event('input')); }, k);
  await inWidget(page, (w, r) => r.querySelector('section.view-typhoon button.play').click());
  await page.waitForFunction(() => document.querySelector('zs-risk-map').views.get('typhoon').state.step >= 3, null, { timeout: 10000 });
  await inWidget(page, (w, r) => r.querySelector('section.view-typhoon button.play').click());
  assert.equal(await inWidget(page, (w) => w.views.get('typhoon').state.playing), false);
  // Surface winds at the town's exposure: under Hato the southern towns see storm-force
  // 2-min means (≥ 10 级) and typhoon-force gusts (≥ 12 级); the city core stays lower
  // (docs/wind.md §9). The table names the wind shown.
  const peaks = await inWidget(page, (w) => w.typhoonScenario.peaks());
  const tanzhou = peaks.find((p) => p.code === '442000107');
  assert.ok(tanzhou.level >= 10 && tanzhou.gust_level >= 12 && ['A4', 'A5'].includes(tanzhou.signal), JSON.stringify(tanzhou));
  const shiqi = peaks.find((p) => p.code === '442000001');
  assert.equal(shiqi.exposure, 'urban');
  assert.ok(shiqi.level < tanzhou.level && shiqi.wind_10min_ms <= shiqi.wind_2min_ms && shiqi.wind_2min_ms <= shiqi.gust_ms, JSON.stringify(shiqi));
  const head = await inWidget(page, (w, r) => r.querySelector('section.view-typhoon table.peaks thead').textContent);
  assert.match(head, /2分钟平均风 · 地表10米/);
  assert.match(head, /开阔地面参考/);
  const note = await inWidget(page, (w, r) => r.querySelector('section.view-typhoon .note').textContent);
  assert.match(note, /城镇暴露.*最大风速半径按实测风圈半径拟合/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a what-if shift recomputes the winds at once', async () => {
  const page = await openView('typhoon');
  const before = await inWidget(page, (w) => w.typhoonScenario.peaks().find((p) => p.code === '442000107').peak_wind_ms);
  await inWidget(page, (w, r) => { const s = r.querySelector('section.view-typhoon input[data-key="shift_north_km"]'); s.value = '120'; s.dispatchEvent(new Event('input')); });
  await page.waitForFunction((b) => document.querySelector('zs-risk-map').typhoonScenario.peaks().find((p) => p.code === '442000107').peak_wind_ms !== b, before, { timeout: 5000 });
  const cell = await inWidget(page, (w, r) => r.querySelector('section.view-typhoon table.peaks tbody tr[data-code="442000107"] td:nth-child(3)').textContent);
  const after = await inWidget(page, (w) => w.typhoonScenario.peaks().find((p) => p.code === '442000107').peak_wind_ms);
  assert.equal(Number(cell), after, 'table shows the recomputed peak');
  await page.screenshot({ path: join(SHOTS, 'typhoon-hato-shift-north-120km.png') });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('payout view: Hato pays, editing a tier changes the total, a bad edit is refused and the last good policy kept', async () => {
  const page = await openView('payout');
  const first = await inWidget(page, (w) => w.views.get('payout').summary);
  assert.ok(Number(first.event.paid) > 0, 'Hato triggers payouts');
  const sumLines = first.event.districts.reduce((a, d) => a + Math.round(Number(d.payout) * 100), 0);
  assert.equal(sumLines, Math.round(Number(first.event.paid) * 100), 'district lines add up to the total');
  assert.match(await inWidget(page, (w, r) => r.querySelector('section.view-payout .paid').textContent), /本次赔付/);
  // The payout view states which wind the index reads (policy default).
  assert.equal(first.index_zh, '最大2分钟平均风 · 地表10米 · 城镇暴露 · 镇街驻地');
  assert.match(await inWidget(page, (w, r) => r.querySelector('section.view-payout').textContent), /指数风速/);
  await page.screenshot({ path: join(SHOTS, 'payout-hato.png') });
  // Raise the force-11 tier (row 1) from 10 % to 15 % (still below force 12's 20 %): the total rises.
  await inWidget(page, (w, r) => { const i = r.querySelector('section.view-payout input[data-row="1"]'); i.value = '15'; i.dispatchEvent(new Event('input')); });
  const second = await inWidget(page, (w) => w.views.get('payout').summary);
  assert.ok(Number(second.event.paid) > Number(first.event.paid), `${second.event.paid} > ${first.event.paid}`);
  // A non-monotone table (force 13 below force 12) is refused, naming the row; the total stays.
  const events = await page.evaluate(() => { window.__errs = []; document.querySelector('zs-risk-map').addEventListener('error', (e) => window.__errs.push(e.detail)); return true; });
  assert.ok(events);
  await inWidget(page, (w, r) => { const i = r.querySelector('section.view-payout input[data-row="3"]'); i.value = '10'; i.dispatchEvent(new Event('input')); });
  const errs = await page.evaluate(() => window.__errs);
  assert.equal(errs[0]?.code, 'INVALID_INPUT', JSON.stringify(errs));
  assert.match(errs[0].field, /tiers\[3\]/); // the event's message is in the widget's language
  assert.match(errs[0].message, /赔付档次第 4 行/);
  const fe = await inWidget(page, (w) => w.views.get('payout').fieldError);
  assert.equal(fe.field, 'policy.perils.typhoon.tiers[3].ratio');
  // The message reads first, in the form's words; the code is data, not a bracketed prefix.
  assert.match(fe.text, /^赔付档次第 4 行的赔付比例/);
  assert.equal(fe.code, 'INVALID_INPUT');
  assert.equal(await inWidget(page, (w, r) => r.querySelector('section.view-payout input[data-row="3"]').getAttribute('aria-invalid')), 'true');
  const third = await inWidget(page, (w) => w.views.get('payout').summary);
  assert.equal(third.event.paid, second.event.paid, 'last good result kept');
  assert.equal(await inWidget(page, (w, r) => r.querySelector('.error').hidden), false, 'error shown in the widget');
  await page.screenshot({ path: join(SHOTS, 'payout-bad-tier.png') });
  // CSV export of the payout table.
  const csv = await inWidget(page, (w) => w.views.get('payout') && w.typhoonScenario.payout(null).csv());
  assert.ok(csv.startsWith('\ufeff'));
  assert.equal(csv.trim().split(/\r?\n/).length, 24);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('payout view in English', async () => {
  const page = await openView('payout');
  await page.evaluate(() => document.querySelector('zs-risk-map').setAttribute('lang', 'en'));
  await page.waitForTimeout(500);
  assert.match(await inWidget(page, (w, r) => r.querySelector('section.view-payout .paid').textContent), /Paid this event CNY/);
  await page.screenshot({ path: join(SHOTS, 'payout-hato-en.png') });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('payout view: custom weights must add up to 100 % (named error, last good kept), normalise fixes it; rainstorm event pays', async () => {
  const page = await openView('payout');
  await inWidget(page, (w, r) => { const s = r.querySelector('section.view-payout select.alloc'); s.value = 'table'; s.dispatchEvent(new Event('change')); });
  const base = await inWidget(page, (w) => w.views.get('payout').summary.event.paid);
  // Doubling 坦洲's weight breaks the sum: a field error naming the weights, total unchanged.
  await page.evaluate(() => { window.__errs = []; document.querySelector('zs-risk-map').addEventListener('error', (e) => window.__errs.push(e.detail)); });
  await inWidget(page, (w, r) => { const i = r.querySelector('section.view-payout .weights input[data-code="442000107"]'); i.value = String(Number(i.value) * 2); i.dispatchEvent(new Event('change')); });
  const errs = await page.evaluate(() => window.__errs);
  assert.equal(errs[0]?.code, 'INVALID_INPUT', JSON.stringify(errs));
  assert.match(errs[0].message, /各镇街权重合计为/); // in the widget's language (zh-CN)
  assert.match((await inWidget(page, (w) => w.views.get('payout').fieldError)).text, /各镇街权重合计为/);
  assert.equal(await inWidget(page, (w) => w.views.get('payout').summary.event.paid), base);
  // Normalise: the table adds up again and 坦洲's larger weight raises the total (it pays most).
  await inWidget(page, (w, r) => r.querySelector('section.view-payout button.normalise').click());
  const after = await inWidget(page, (w) => w.views.get('payout').summary.event.paid);
  assert.ok(Number(after) > Number(base), `${after} > ${base}`);
  await page.screenshot({ path: join(SHOTS, 'payout-custom-weights.png') });
  // Rainstorm: 260 mm everywhere → the 250 mm tier (35 %) for every town.
  await inWidget(page, (w, r) => { const s = r.querySelector('section.view-payout select.event-kind'); s.value = 'rain'; s.dispatchEvent(new Event('change')); });
  await inWidget(page, (w, r) => { const i = r.querySelector('section.view-payout input.rain-mm'); i.value = '260'; i.dispatchEvent(new Event('input')); });
  const rain = await inWidget(page, (w) => w.views.get('payout').summary);
  assert.equal(rain.event.peril, 'rain');
  assert.ok(rain.event.districts.every((d) => d.ratio === '0.35'), 'every town at the 35 % tier');
  await page.screenshot({ path: join(SHOTS, 'payout-rain-260mm.png') });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('payout season: events paid in order, the annual aggregate cuts the last one', async () => {
  const page = await openView('payout');
  // Sum insured (= per-event cap = annual aggregate in the example terms) 5,000 万元.
  await inWidget(page, (w, r) => { const i = r.querySelector('section.view-payout input.si'); i.value = '5000'; i.dispatchEvent(new Event('input')); });
  const one = await inWidget(page, (w) => Number(w.views.get('payout').summary.event.paid));
  assert.ok(one > 0 && one < 5e7 / 2, `one Hato pays ${one}`);
  // Enough Hatos to exhaust the aggregate (surface winds pay a few % of the sum insured each).
  const n = Math.floor(5e7 / one) + 2;
  for (let i = 0; i < n; i++) await inWidget(page, (w, r) => r.querySelector('section.view-payout button.season-add').click());
  const rows = await inWidget(page, (w, r) => [...r.querySelectorAll('section.view-payout table.season-table tbody tr')].map((tr) => tr.textContent));
  assert.equal(rows.length, n);
  const paid = await inWidget(page, (w, r) => Number(r.querySelector('section.view-payout .season-total').dataset.paid));
  assert.equal(paid, Math.min(n * one, 5e7), 'season total is capped by the annual aggregate');
  const text = await inWidget(page, (w, r) => r.querySelector('section.view-payout .season-total').textContent);
  assert.match(text, /本年度合计赔付 5,000万元/);
  await inWidget(page, (w, r) => r.querySelector('section.view-payout table.season-table').scrollIntoView());
  await page.screenshot({ path: join(SHOTS, 'payout-season-aggregate.png') });
  assert.deepEqual(page.errors, []);
  await page.close();
});

/** The payout view's field error and which controls are marked. */
const payoutMarks = (page) => inWidget(page, (w, r) => ({
  error: w.views.get('payout').fieldError,
  shownCode: r.querySelector('section.view-payout .field-error-msg:not([hidden]) code.field-error-code')?.textContent ?? null,
  marked: [...r.querySelectorAll('section.view-payout [aria-invalid="true"]')].map((c) => c.className.replace('field-invalid', '').trim() + (c.dataset.row ? `#${c.dataset.row}` : '') + (c.dataset.code ? `#${c.dataset.code}` : '')),
  classed: r.querySelectorAll('section.view-payout .field-invalid').length,
  paid: w.views.get('payout').summary.event.paid,
}));

/** Types into a payout control (input event, or change for the weight table). */
const typeInto = (page, selector, value, ev = 'input') => inWidget(page, (w, r, a) => {
  const i = r.querySelector(`section.view-payout ${a.selector}`);
  i.value = a.value;
  i.dispatchEvent(new Event(a.ev));
}, { selector, value, ev });

test('payout view: every input, a bad value then a good one — coded error in the form\'s words, control marked, last good kept (issue 9)', async () => {
  const page = await openView('payout');
  const good0 = await payoutMarks(page);
  assert.equal(good0.error, null);
  const cases = [
    // [selector, bad values, expected code, field, zh words, good value, event]
    ['input.si', ['-5', '1e30', '0'], 'OUT_OF_RANGE', 'policy.sum_insured', /保险金额/, '14000', 'input'],
    ['input[data-row="2"]', ['150', '-1', '1e308'], 'OUT_OF_RANGE', 'policy.perils.typhoon.tiers[2].ratio', /台风赔付档次第 3 行（12级）的赔付比例/, '25', 'input'],
    ['input[data-row="0"]', ['-0.5'], 'OUT_OF_RANGE', 'policy.perils.typhoon.tiers[0].ratio', /赔付比例/, '6', 'input'],
  ];
  for (const [sel, bads, code, field, words, goodValue, ev] of cases) {
    const before = await payoutMarks(page);
    for (const bad of bads) {
      await typeInto(page, sel, bad, ev);
      const m = await payoutMarks(page);
      assert.equal(m.error?.code, code, `${sel} = ${bad}: ${JSON.stringify(m.error)}`);
      assert.equal(m.error.field, field, `${sel} = ${bad}`);
      assert.match(m.error.text, words, `${sel} = ${bad}`);
      assert.doesNotMatch(m.error.text, /^\[/, 'the message reads first, no bracketed code');
      assert.equal(m.shownCode, code, 'the code follows the message in a <code>');
      assert.equal(m.marked.length, 1, `${sel} = ${bad}: one control marked (${m.marked})`);
      assert.equal(m.classed, 1);
      assert.equal(m.paid, before.paid, `${sel} = ${bad}: last good payout kept`);
    }
    await page.screenshot({ path: join(SHOTS, `payout-bad-${field.replace(/[^a-z0-9]+/gi, '-')}.png`) });
    await typeInto(page, sel, goodValue, ev);
    const ok = await payoutMarks(page);
    assert.equal(ok.error, null, `${sel} = ${goodValue} accepted`);
    assert.deepEqual(ok.marked, []);
    assert.equal(ok.classed, 0);
  }
  // English: the message follows the widget's language.
  await typeInto(page, 'input.si', '-5');
  await page.evaluate(() => document.querySelector('zs-risk-map').setAttribute('lang', 'en'));
  const enErr = (await payoutMarks(page)).error;
  assert.match(enErr.text, /^sum insured must be within/);
  assert.equal(enErr.code, 'OUT_OF_RANGE');
  await page.evaluate(() => document.querySelector('zs-risk-map').setAttribute('lang', 'zh-CN'));
  await typeInto(page, 'input.si', '15000');
  // The weight table: 7e30 % in one town (issue 9's example), then a good table.
  await inWidget(page, (w, r) => { const s = r.querySelector('section.view-payout select.alloc'); s.value = 'table'; s.dispatchEvent(new Event('change')); });
  const tableGood = await payoutMarks(page);
  await typeInto(page, '.weights input[data-code="442000107"]', '7e30', 'change');
  let m = await payoutMarks(page);
  assert.equal(m.error?.code, 'OUT_OF_RANGE', JSON.stringify(m.error));
  assert.equal(m.error.field, 'policy.allocation.weights.442000107');
  assert.match(m.error.text, /坦洲镇的权重/);
  assert.deepEqual(m.marked, ['#442000107']);
  assert.equal(m.paid, tableGood.paid);
  await page.screenshot({ path: join(SHOTS, 'payout-bad-weight.png') });
  await inWidget(page, (w, r) => r.querySelector('section.view-payout button.normalise').click());
  await inWidget(page, (w, r) => { const s = r.querySelector('section.view-payout select.alloc'); s.value = 'population'; s.dispatchEvent(new Event('change')); });
  m = await payoutMarks(page);
  assert.equal(m.error, null);
  // Rainfall: bad amounts, then a good one.
  await inWidget(page, (w, r) => { const s = r.querySelector('section.view-payout select.event-kind'); s.value = 'rain'; s.dispatchEvent(new Event('change')); });
  const rainGood = await payoutMarks(page);
  for (const bad of ['-1', '5000', '1e308']) {
    await typeInto(page, 'input.rain-mm', bad);
    m = await payoutMarks(page);
    assert.equal(m.error?.code, 'OUT_OF_RANGE', `${bad}: ${JSON.stringify(m.error)}`);
    assert.equal(m.error.field, 'rain.uniform_mm');
    assert.match(m.error.text, bad === '1e308' ? /雨量（mm）：1e\+308 超出可计算范围/ : /雨量（mm）须在 0–3,000 mm 之间/);
    assert.deepEqual(m.marked, ['rain-mm']);
    assert.equal(m.paid, rainGood.paid, 'last good rain payout kept');
  }
  await typeInto(page, 'input.rain-mm', '260');
  m = await payoutMarks(page);
  assert.equal(m.error, null);
  assert.notEqual(m.paid, rainGood.paid, 'the good rainfall is paid');
  // The season add button works after all of it.
  await inWidget(page, (w, r) => r.querySelector('section.view-payout button.season-add').click());
  assert.equal(await inWidget(page, (w, r) => r.querySelectorAll('section.view-payout table.season-table tbody tr').length), 1);
  const errors = page.errors.filter((e) => !/RiskMapError/.test(e));
  assert.deepEqual(errors, []);
  await page.close();
});

test('payout view: a language switch (zh → en → zh) keeps the chosen selects, the typed values and the result', async () => {
  const page = await openView('payout');
  const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  // Non-default picks: the weight table (坦洲 at 20 %, then normalised), a rainstorm of 260 mm,
  // a sum insured of 2 亿元.
  await inWidget(page, (w, r) => { const s = r.querySelector('section.view-payout select.alloc'); s.value = 'table'; s.dispatchEvent(new Event('change')); });
  await typeInto(page, '.weights input[data-code="442000107"]', '20', 'change');
  await inWidget(page, (w, r) => r.querySelector('section.view-payout button.normalise').click());
  await inWidget(page, (w, r) => { const s = r.querySelector('section.view-payout select.event-kind'); s.value = 'rain'; s.dispatchEvent(new Event('change')); });
  await typeInto(page, 'input.rain-mm', '260');
  await typeInto(page, 'input.si', '20000');
  assert.equal((await payoutMarks(page)).error, null, 'every pick accepted');
  const state = () => inWidget(page, (w, r) => {
    const s = r.querySelector('section.view-payout');
    const sum = w.views.get('payout').summary;
    return {
      selects: [...s.querySelectorAll('select')].map((x) => `${x.className}=${x.value}`),
      inputs: [...s.querySelectorAll('input.si, input.rain-mm, .weights input, input[data-row]')].map((x) => x.value),
      peril: sum.event.peril, paid: sum.event.paid,
    };
  });
  const chosen = await state();
  assert.deepEqual(chosen.selects.filter((x) => /^(alloc|event-kind)=/.test(x)).sort(), ['alloc=table', 'event-kind=rain']);
  assert.equal(chosen.peril, 'rain');
  for (const lang of ['en', 'zh-CN']) {
    await page.evaluate((l) => document.querySelector('zs-risk-map').setAttribute('lang', l), lang);
    await frames();
    assert.deepEqual(await state(), chosen, `${lang}: choices, typed values and the result kept`);
  }
  // A refused value stays as typed across the switch, its error now in English; the result is
  // the last good one.
  await typeInto(page, 'input.si', '-5');
  await page.evaluate(() => document.querySelector('zs-risk-map').setAttribute('lang', 'en'));
  await frames();
  const m = await payoutMarks(page);
  assert.match(m.error.text, /^sum insured must be within/);
  assert.equal(await inWidget(page, (w, r) => r.querySelector('section.view-payout input.si').value), '-5');
  assert.deepEqual(m.marked, ['si']);
  assert.equal((await state()).paid, chosen.paid);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('typhoon view: a language switch (zh → en → zh) keeps the chosen storm, model, colouring and step', async () => {
  const page = await openView('typhoon');
  const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForFunction(() => document.querySelector('zs-risk-map').views.get('typhoon'), null, { timeout: 30000 });
  for (const [cls, v] of [['storm', 'mangkhut'], ['model', 'H1980'], ['colour-by', 'now']]) {
    await inWidget(page, (w, r, [c, x]) => { const s = r.querySelector(`section.view-typhoon select.${c}`); s.value = x; s.dispatchEvent(new Event('change')); }, [cls, v]);
    await frames();
  }
  await inWidget(page, (w, r) => { const s = r.querySelector('section.view-typhoon .timebar input[type=range]'); s.value = '5'; s.dispatchEvent(new Event('input')); });
  const state = () => inWidget(page, (w, r) => ({
    selects: [...r.querySelectorAll('section.view-typhoon select')].map((x) => `${x.className}=${x.value}`),
    scenario: JSON.stringify(w.scenario),
  }));
  const chosen = await state();
  assert.ok(chosen.selects.includes('storm=mangkhut') && chosen.selects.includes('model=H1980') && chosen.selects.includes('colour-by=now'), chosen.selects.join());
  for (const lang of ['en', 'zh-CN']) {
    await page.evaluate((l) => document.querySelector('zs-risk-map').setAttribute('lang', l), lang);
    await frames();
    assert.deepEqual(await state(), chosen, `${lang}: kept`);
  }
  assert.deepEqual(page.errors, []);
  await page.close();
});
