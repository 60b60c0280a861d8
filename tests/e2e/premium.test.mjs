// End-to-end: the 保费测算 (premium explainer) view in Chromium (issue 5).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, inWidget, SHOTS } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** Opens the demo page and switches to the premium view. */
async function openPremium(opts) {
  const page = await env.open('/www/index.html', opts);
  await page.evaluate(() => {
    window.__quoted = [];
    const w = document.querySelector('zs-risk-map');
    w.addEventListener('quoted', (e) => window.__quoted.push(e.detail.premium));
    w.setAttribute('view', 'premium');
  });
  await page.waitForFunction(() => document.querySelector('zs-risk-map').views.get('premium')?.quote, null, { timeout: 30000 });
  return page;
}

/** Premium computed directly by the wasm engine for the enterprise the form describes. */
const engineQuote = (page, ruleSet) => inWidget(page, (w, r, id) => {
  const v = w.views.get('premium');
  const rs = new w.engines.PremiumRuleSet(id);
  const q = rs.quote(v.enterpriseJson());
  const p = q.premium();
  q.free(); rs.free();
  return p;
}, ruleSet);

const shownPremium = (page) => inWidget(page, (w, r) => r.querySelector('section[data-view="premium"] .premium-exact').dataset.premium);

/** Sets a form control in the premium view and fires its event. */
const setField = (page, cls, value) => inWidget(page, (w, r, [c, v]) => {
  const el = r.querySelector(`section[data-view="premium"] .${c}`);
  if (el.type === 'checkbox') { el.checked = v; el.dispatchEvent(new Event('change')); } else {
    el.value = v; el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input'));
  }
}, [cls, value]);

test('form → quote → waterfall and steps; a what-if toggle changes the premium to the engine value', async () => {
  const page = await openPremium();
  assert.equal(await inWidget(page, (w, r) => !!r.querySelector('section[data-view="premium"]') && !r.querySelector('section[data-view="premium"]').hidden), true);
  await setField(page, 'name', '测试灯饰厂');
  await setField(page, 'sector', 'manufacturing');
  await setField(page, 'headcount', '200');
  await setField(page, 'limit', '60');
  await setField(page, 'acc-grade', 'general');
  await setField(page, 'acc-count', '2');
  await setField(page, 'acc-year', '2024');
  const before = await shownPremium(page);
  assert.equal(before, await engineQuote(page, 'zhongshan-illustrative'));
  const q = await inWidget(page, (w) => w.views.get('premium').quote);
  assert.equal(q.rule_set_id, 'zhongshan-illustrative');
  assert.equal(q.status, 'illustrative');
  assert.equal(typeof q.premium, 'string', 'money crosses as a decimal string');
  // The steps table lists every step, with the base and the premium; the badge says 示例.
  const rows = await inWidget(page, (w, r) => [...r.querySelectorAll('section[data-view="premium"] table.steps tbody tr')].map((tr) => tr.dataset.kind));
  assert.equal(rows.length, q.steps.length);
  assert.ok(rows.includes('base') && rows.includes('premium') && rows.includes('band'), rows.join());
  const badgeText = await inWidget(page, (w, r) => r.querySelector('section[data-view="premium"] .head .sbadge').textContent);
  assert.equal(badgeText, '示例');
  // The waterfall has pixels that are not background (bars drawn).
  const drawn = await inWidget(page, (w, r) => {
    const c = r.querySelector('section[data-view="premium"] canvas.waterfall');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i] < 200 && d[i + 2] > 100 && d[i + 1] < 120) n++;
    return n;
  });
  assert.ok(drawn > 200, `waterfall bars drawn (${drawn} blue px)`);
  const wfBefore = await inWidget(page, (w, r) => r.querySelector('section[data-view="premium"] canvas.waterfall').toDataURL());
  await page.screenshot({ path: join(SHOTS, 'premium-quote.png'), fullPage: true });

  // What-if: rectify the major hidden danger → the premium drops, to exactly the engine's figure.
  await setField(page, 'wi-rectify', true);
  const after = await shownPremium(page);
  assert.notEqual(after, before);
  assert.ok(Number(after) < Number(before), `${after} < ${before}`);
  const v = await inWidget(page, (w) => JSON.parse(w.views.get('premium').enterpriseJson()));
  assert.equal(v.hidden_dangers.major_unrectified, '0', 'numbers cross as text; the engine reads them');
  assert.equal(after, await engineQuote(page, 'zhongshan-illustrative'));
  const wfAfter = await inWidget(page, (w, r) => r.querySelector('section[data-view="premium"] canvas.waterfall').toDataURL());
  assert.notEqual(wfAfter, wfBefore, 'the waterfall was redrawn');
  const delta = await inWidget(page, (w, r) => r.querySelector('section[data-view="premium"] .head .delta').textContent);
  assert.match(delta, /^较当前 −/);
  // level 1 on top: lower still.
  await setField(page, 'wi-level1', true);
  const after2 = await shownPremium(page);
  assert.ok(Number(after2) < Number(after));
  assert.equal(after2, await engineQuote(page, 'zhongshan-illustrative'));
  const events = await page.evaluate(() => window.__quoted);
  assert.ok(events.includes(after) && events.includes(after2), 'quoted events carry the premium');
  await page.screenshot({ path: join(SHOTS, 'premium-whatif.png'), fullPage: true });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('bad enterprise input and a bad rule set are shown in the widget; the last quote is kept', async () => {
  const page = await openPremium();
  const good = await shownPremium(page);
  await setField(page, 'headcount', '-5');
  const err = await inWidget(page, (w, r) => ({ hidden: r.querySelector('.error').hidden, text: r.querySelector('.error').textContent }));
  assert.equal(err.hidden, false);
  assert.match(err.text, /从业人员/);
  assert.equal(await shownPremium(page), good, 'last good premium kept');
  await setField(page, 'headcount', '120');
  const ok = await inWidget(page, (w) => w.views.get('premium').loadRules('{"id": "x"'));
  assert.equal(ok, false);
  const err2 = await inWidget(page, (w, r) => r.querySelector('.error code').textContent);
  assert.equal(err2, 'NOT_JSON');
  assert.equal(await inWidget(page, (w) => w.views.get('premium').quote.rule_set_id), 'zhongshan-illustrative');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('two rule sets side by side, and the additive ↔ multiplicative toggle', async () => {
  const page = await openPremium();
  await setField(page, 'cmp-a', 'national-2017');
  await setField(page, 'cmp-b', 'fuyang');
  const cols = await inWidget(page, (w, r) => [...r.querySelectorAll('section[data-view="premium"] .cmp .col')].map((c) => ({ id: c.dataset.id, p: c.querySelector('.p')?.dataset.premium ?? null })));
  assert.deepEqual(cols.map((c) => c.id), ['national-2017', 'fuyang']);
  for (const c of cols) assert.equal(c.p, await engineQuote(page, c.id));
  // Fuyang additive → multiplicative (docs/domain.md §6.7): the premium changes, to the engine's figure.
  await setField(page, 'rule-set', 'fuyang');
  await setField(page, 'honours', 'city');
  await setField(page, 'acc-grade', '');
  const add = await shownPremium(page);
  assert.equal(add, await engineQuote(page, 'fuyang'));
  await setField(page, 'combine', 'multiplicative');
  const mul = await shownPremium(page);
  assert.equal(await inWidget(page, (w) => w.views.get('premium').quote.rule_set_id), 'fuyang+multiplicative');
  const expected = await inWidget(page, (w) => {
    const rs = new w.engines.PremiumRuleSet('fuyang'); const m = rs.withCombine('multiplicative');
    const p = m.quote(w.views.get('premium').enterpriseJson()).premium(); rs.free(); m.free(); return p;
  });
  assert.equal(mul, expected);
  assert.notEqual(mul, add);
  await inWidget(page, (w, r) => r.querySelector('section[data-view="premium"] .cmp').scrollIntoView());
  await page.screenshot({ path: join(SHOTS, 'premium-compare.png'), fullPage: true });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('CSV batch: synthetic sample → counts and the coverage layer on the map; a bad row is reported with its line', async () => {
  const page = await openPremium();
  await inWidget(page, (w, r) => r.querySelector('section[data-view="premium"] button.sample').click());
  const s = await inWidget(page, (w) => w.views.get('premium').batch);
  assert.equal(s.quoted + s.errors, 2000);
  assert.equal(typeof s.total_premium, 'string');
  const shown = await inWidget(page, (w, r) => r.querySelector('section[data-view="premium"] .quoted-count').textContent);
  assert.equal(shown, String(s.quoted));
  // The map shows the coverage layer with a legend, coloured per town.
  const lg = await inWidget(page, (w, r) => r.querySelector('section[data-view="premium"] .premium-legend').textContent);
  assert.match(lg, /安责险覆盖率/);
  const colours = await inWidget(page, (w, r) => {
    const c = r.querySelector('section[data-view="premium"] canvas.premium-map');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const set = new Set(); for (let i = 0; i < d.length; i += 16) set.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
    return set.size;
  });
  assert.ok(colours > 10, `map coloured (${colours} colours)`);
  await inWidget(page, (w, r) => r.querySelector('section[data-view="premium"] .mapstage').scrollIntoView());
  await page.screenshot({ path: join(SHOTS, 'premium-batch-coverage.png'), fullPage: true });
  await setField(page, 'layer-kind', 'total_premium');
  assert.match(await inWidget(page, (w, r) => r.querySelector('section[data-view="premium"] .premium-legend').textContent), /测算保费合计/);

  // A CSV with one bad row (line 3: headcount "abc"): reported with line and field, others quoted.
  const csv = await inWidget(page, (w) => w.engines.premiumSyntheticCsv(7, 3));
  const lines = csv.trim().split('\n');
  const header = lines[0].split(',');
  const cells = lines[2].split(',');
  cells[header.indexOf('headcount')] = 'abc';
  lines[2] = cells.join(',');
  const ok = await inWidget(page, (w, r, text) => w.views.get('premium').runCsv(text), lines.join('\n') + '\n');
  assert.equal(ok, true);
  const errs = await inWidget(page, (w) => w.views.get('premium').batchErrors);
  assert.equal(errs.length, 1);
  assert.equal(errs[0].line, 3);
  assert.equal(errs[0].field, 'headcount');
  const li = await inWidget(page, (w, r) => r.querySelector('section[data-view="premium"] .rowerrs li').textContent);
  assert.match(li, /第 3 行 · 列 从业人员（人）/);
  assert.equal(await inWidget(page, (w) => w.views.get('premium').batch.quoted), 2);
  await inWidget(page, (w, r) => r.querySelector('section[data-view="premium"] .rowerrs').scrollIntoView());
  await page.screenshot({ path: join(SHOTS, 'premium-batch-errors.png'), fullPage: true });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('emergency staff calculator and the English switch', async () => {
  const page = await openPremium();
  const per = await inWidget(page, (w, r) => r.querySelector('section[data-view="premium"] .em-per-person').textContent);
  assert.match(per, /276\.96/);
  await setField(page, 'em-head', '100');
  const per2 = await inWidget(page, (w, r) => r.querySelector('section[data-view="premium"] .em-per-person').textContent);
  assert.match(per2, /254\.80/);
  await page.evaluate(() => document.querySelector('zs-risk-map').setAttribute('lang', 'en'));
  const h4 = await inWidget(page, (w, r) => r.querySelector('section[data-view="premium"] .steps-block h4').textContent);
  assert.equal(h4, 'Step by step');
  const head = await inWidget(page, (w, r) => r.querySelector('section[data-view="premium"] .premium-value').textContent);
  assert.match(head, /^Premium CNY /);
  await page.screenshot({ path: join(SHOTS, 'premium-en.png'), fullPage: true });
  assert.deepEqual(page.errors, []);
  await page.close();
});

// ---- issue 9: field-named errors, bad then good, encodings, downloads ----

/** The error box: code, text; and which controls are marked invalid. */
const errorState = (page) => inWidget(page, (w, r) => ({
  hidden: r.querySelector('.error').hidden,
  code: r.querySelector('.error code')?.textContent ?? null,
  text: r.querySelector('.error').textContent,
  invalid: [...r.querySelectorAll('section[data-view="premium"] .field-invalid')].map((c) => [c.className.split(' ')[0], c.getAttribute('aria-invalid')]),
}));

test('every numeric form input: a bad value is a coded, field-named error with the control highlighted; a good one then works', async () => {
  const page = await openPremium();
  await setField(page, 'acc-grade', 'general');
  const cases = [
    // [control class, bad value, code, label in the message, good value]
    ['headcount', '4294967295', 'OUT_OF_RANGE', '从业人员', '120'],
    ['headcount', '-3', 'OUT_OF_RANGE', '从业人员', '120'],
    ['headcount', '1.5', 'INVALID_INPUT', '从业人员', '120'],
    ['headcount', '', 'INVALID_INPUT', '从业人员', '120'],
    ['limit', '1e20', 'OUT_OF_RANGE', '每人死亡伤残限额', '50'],
    ['limit', '0', 'OUT_OF_RANGE', '每人死亡伤残限额', '50'],
    ['quote-year', '9999', 'OUT_OF_RANGE', '保单年度', '2025'],
    ['acc-year', '2030', 'OUT_OF_RANGE', '事故年份', '2024'],
    ['acc-count', '2147483648', 'OUT_OF_RANGE', '事故起数', '1'],
    ['acc-count', '0', 'OUT_OF_RANGE', '事故起数', '1'],
    ['hd-found', '1e308', 'OUT_OF_RANGE', '隐患排查发现', '4'],
    ['hd-rectified', '9', 'OUT_OF_RANGE', '已整改隐患', '3'],
    ['hd-major', '5', 'OUT_OF_RANGE', '重大隐患未整改', '1'],
    ['project-cost', '1e300', 'OUT_OF_RANGE', '工程造价', ''],
    ['aggregate', '-1', 'OUT_OF_RANGE', '累计限额', ''],
    ['payroll', '1e30', 'OUT_OF_RANGE', '工资总额', ''],
    ['claims-ratio', 'NaN', 'INVALID_INPUT', '支缴率', ''],
    ['claims-ratio', '1000', 'OUT_OF_RANGE', '支缴率', ''],
  ];
  for (const [cls, bad, code, label, good] of cases) {
    const before = await shownPremium(page);
    await setField(page, cls, bad);
    const e = await errorState(page);
    assert.equal(e.hidden, false, `${cls}=${bad}: error shown`);
    assert.equal(e.code, code, `${cls}=${bad}: ${e.text}`);
    assert.ok(e.text.includes(label), `${cls}=${bad}: names ${label}: ${e.text}`);
    assert.deepEqual(e.invalid, [[cls, 'true']], `${cls}=${bad}: the control is highlighted`);
    assert.equal(await shownPremium(page), before, `${cls}=${bad}: last good quote kept`);
    await setField(page, cls, good);
    const ok = await errorState(page);
    assert.equal(ok.hidden, true, `${cls}: good value clears the error`);
    assert.deepEqual(ok.invalid, [], `${cls}: highlight cleared`);
    assert.equal(await shownPremium(page), await engineQuote(page, 'zhongshan-illustrative'), `${cls}: quote recomputed`);
  }
  // The emergency calculator: bad then good.
  await setField(page, 'em-head', '4294967296');
  let e = await errorState(page);
  assert.equal(e.code, 'OUT_OF_RANGE');
  assert.ok(e.text.includes('人数'), e.text);
  assert.deepEqual(e.invalid, [['em-head', 'true']]);
  await setField(page, 'em-head', '92');
  assert.match(await inWidget(page, (w, r) => r.querySelector('section[data-view="premium"] .em-per-person').textContent), /276\.96/);
  await setField(page, 'em-amount', 'inf');
  e = await errorState(page);
  assert.equal(e.code, 'INVALID_INPUT');
  assert.deepEqual(e.invalid, [['em-amount', 'true']]);
  await setField(page, 'em-amount', '25480');
  assert.equal((await errorState(page)).hidden, true);
  // English: the message is in English and names the field as the English form does.
  await page.evaluate(() => document.querySelector('zs-risk-map').setAttribute('lang', 'en'));
  await setField(page, 'headcount', '0');
  e = await errorState(page);
  assert.ok(e.text.includes('Employees must be 1'), e.text);
  // The form's own box: the message first in the form's words, the code after it in a muted
  // <code> (and data-code), never a bracketed prefix.
  const box = await inWidget(page, (w, r) => {
    const b = [...r.querySelectorAll('section[data-view="premium"] .field-error-msg')].find((x) => !x.hidden);
    return b && { text: b.textContent, code: b.dataset.code, shown: b.querySelector('code.field-error-code')?.textContent };
  });
  assert.ok(box, 'a field error box is shown');
  assert.match(box.text, /^Employees must be 1/);
  assert.doesNotMatch(box.text, /\[[A-Z_]+\]/);
  assert.deepEqual([box.code, box.shown], ['OUT_OF_RANGE', 'OUT_OF_RANGE']);
  await page.screenshot({ path: join(SHOTS, 'premium-field-error-en.png'), fullPage: true });
  await setField(page, 'headcount', '120');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a GBK-encoded CSV with Chinese headers and names is decoded and priced; template and per-row downloads', async () => {
  const page = await openPremium();
  // 企业名称,镇街,行业,从业人数,每人限额（元） / 灯饰厂,古镇,制造业,120,500000 / 五金厂,小榄镇,制造业,30,400000 — in GBK.
  const hex = 'c6f3d2b5c3fbb3c62cd5f2bdd62cd0d0d2b52cb4d3d2b5c8cbcafd2cc3bfc8cbcfdeb6eea3a8d4aaa3a90ab5c6caceb3a72cb9c5d5f22cd6c6d4ecd2b52c3132302c3530303030300acee5bdf0b3a72cd0a1e9add5f22cd6c6d4ecd2b52c33302c3430303030300a';
  const ok = await inWidget(page, (w, r, h) => {
    const bytes = new Uint8Array(h.match(/../g).map((x) => parseInt(x, 16)));
    return w.views.get('premium').runCsvBytes(bytes, 'gbk.csv');
  }, hex);
  assert.equal(ok, true);
  const note = await inWidget(page, (w, r) => { const n = r.querySelector('section[data-view="premium"] .csv-encoding'); return [n.dataset.encoding, n.textContent]; });
  assert.equal(note[0], 'gb18030');
  assert.match(note[1], /GB18030\/GBK/);
  const s = await inWidget(page, (w) => w.views.get('premium').batch);
  assert.equal(s.quoted, 2);
  assert.equal(s.errors, 0);
  const guzhen = s.towns.find((t) => t.code === '442000105');
  assert.equal(guzhen.enterprises, 1);
  // Per-row results: every row, names decoded (no mojibake), money in 元.
  const downloads = await inWidget(page, async (w, r) => {
    const got = [];
    w._download = (blob, name) => got.push(blob.text().then((text) => ({ name, text })));
    r.querySelector('section[data-view="premium"] button.rows-download').click();
    r.querySelector('section[data-view="premium"] button.csv-template').click();
    return Promise.all(got);
  });
  assert.equal(downloads.length, 2);
  const rows = downloads[0].text.replace(/^\ufeff/, '').trim().split('\n');
  assert.equal(downloads[0].name, '安责险逐行结果.csv');
  assert.equal(rows.length, 3);
  assert.match(rows[0], /^行号,单位名称,镇街代码,镇街/);
  assert.match(rows[1], /^2,灯饰厂,442000105,古镇镇,manufacturing,/);
  assert.match(rows[2], /^3,五金厂,442000118,小榄镇,/);
  const tpl = downloads[1].text.replace(/^\ufeff/, '').split('\n');
  assert.equal(downloads[1].name, '安责险批量测算模板.csv');
  assert.match(tpl[1], /^单位名称,镇街,行业,风险类别,从业人员（人）/);
  // The template itself uploads without errors (UTF-8 with BOM).
  const ok2 = await inWidget(page, (w, r, t) => w.views.get('premium').runCsvBytes(new TextEncoder().encode(t), 'template.csv'), downloads[1].text);
  assert.equal(ok2, true);
  assert.equal(await inWidget(page, (w, r) => r.querySelector('section[data-view="premium"] .csv-encoding').dataset.encoding), 'utf-8');
  assert.deepEqual(await inWidget(page, (w) => [w.views.get('premium').batch.quoted, w.views.get('premium').batch.errors]), [1, 0]);
  // A bad row is reported in Chinese with the column as the template names it.
  await inWidget(page, (w, r) => w.views.get('premium').runCsv('企业名称,镇街,行业,从业人数\nA,古镇,制造业,-3\nB,火星,制造业,3\n'));
  const li = await inWidget(page, (w, r) => [...r.querySelectorAll('section[data-view="premium"] .rowerrs li')].map((x) => x.textContent));
  assert.match(li[0], /^第 2 行 · 列 从业人员（人）: OUT_OF_RANGE — 从业人员须在 1 至 1,000,000 人 之间/);
  assert.match(li[1], /^第 3 行 · 列 镇街: UNKNOWN_DISTRICT — 镇街：“火星”不是中山市 23 个镇街之一/);
  await inWidget(page, (w, r) => r.querySelector('section[data-view="premium"] .batch').scrollIntoView());
  await page.screenshot({ path: join(SHOTS, 'premium-batch-gbk.png'), fullPage: true });
  // Too large: refused before reading, coded, the upload control highlighted.
  const big = await inWidget(page, (w) => w.views.get('premium').runCsvBytes({ byteLength: 64 * 1024 * 1024 }, 'big.csv'));
  assert.equal(big, false);
  const e = await errorState(page);
  assert.equal(e.code, 'TOO_LARGE');
  assert.deepEqual(e.invalid, [['csv-file', 'true']]);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('additive rule sets show each factor as ± percent of the base', async () => {
  const page = await openPremium();
  await setField(page, 'rule-set', 'fuyang');
  await setField(page, 'honours', 'city');
  await setField(page, 'acc-grade', '');
  const q = await inWidget(page, (w) => w.views.get('premium').quote);
  assert.equal(q.additive, true);
  const effects = q.steps.filter((s) => s.kind === 'factor' && s.applied).map((s) => s.effect);
  assert.deepEqual(effects, ['−5%', '−10%']);
  const cells = await inWidget(page, (w, r) => [...r.querySelectorAll('section[data-view="premium"] table.steps tbody tr.on[data-kind="factor"] td.num')].map((td) => td.textContent).filter(Boolean));
  assert.ok(cells.includes('−5%') && cells.includes('−10%'), cells.join());
  const head = await inWidget(page, (w, r) => r.querySelector('section[data-view="premium"] .factor-line').textContent);
  assert.match(head, /浮动 −15%（×0\.85）/);
  await setField(page, 'combine', 'multiplicative');
  const q2 = await inWidget(page, (w) => w.views.get('premium').quote);
  assert.deepEqual(q2.steps.filter((s) => s.kind === 'factor' && s.applied).map((s) => s.effect), ['×0.95', '×0.9']);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a language switch (zh → en → zh) keeps every select the user picked and the quote', async () => {
  const page = await openPremium();
  const S = 'section[data-view="premium"]';
  const selects = () => inWidget(page, (w, r, s) => Object.fromEntries([...r.querySelectorAll(`${s} select`)].map((x) => [x.className.split(' ')[0], x.value])), S);
  const defaults = await selects();
  const quote0 = await shownPremium(page);
  // Non-default picks: the enterprise form, the multiplicative mode, the compare pair (the last
  // two rule sets), the batch map layer and the emergency-cover mode.
  const picks = [['combine', 'multiplicative'], ['town', '442000003'], ['sector', 'hazardous_chemicals'], ['acc-grade', 'larger'],
    ['standard', 'level1'], ['credit', 'B'], ['honours', 'province'], ['layer-kind', 'total_premium'], ['em-mode', 'per_person']];
  for (const [cls, v] of picks) await setField(page, cls, v);
  await inWidget(page, (w, r, s) => {
    for (const [c, k] of [['cmp-a', 1], ['cmp-b', 2]]) {
      const x = r.querySelector(`${s} select.${c}`);
      x.value = x.options[x.options.length - k].value;
      x.dispatchEvent(new Event('change'));
    }
  }, S);
  const chosen = await selects();
  const changed = Object.keys(chosen).filter((k) => chosen[k] !== defaults[k]);
  assert.ok(changed.length >= 10, `non-default selects: ${changed}`);
  const quote = await shownPremium(page);
  assert.notEqual(quote, quote0, 'the picks change the quote');
  const cmpText = await inWidget(page, (w, r, s) => r.querySelector(`${s} .cmp`).textContent.replace(/\s+/g, ''), S);
  for (const lang of ['en', 'zh-CN']) {
    await page.evaluate((l) => document.querySelector('zs-risk-map').setAttribute('lang', l), lang);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.deepEqual(await selects(), chosen, `${lang}: the choices are kept`);
    assert.equal(await shownPremium(page), quote, `${lang}: the quote is kept`);
    assert.equal(await inWidget(page, (w) => w.views.get('premium').quote.premium), quote);
  }
  assert.equal(await inWidget(page, (w, r, s) => r.querySelector(`${s} .cmp`).textContent.replace(/\s+/g, ''), S), cmpText);
  assert.deepEqual(page.errors, []);
  await page.close();
});
