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
  const rs = new w.wasm.PremiumRuleSet(id);
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
  assert.equal(v.hidden_dangers.major_unrectified, 0);
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
  assert.match(err.text, /headcount/);
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
  // Fuyang additive → multiplicative (DOMAIN §6.7): the premium changes, to the engine's figure.
  await setField(page, 'rule-set', 'fuyang');
  await setField(page, 'honours', 'city');
  await setField(page, 'acc-grade', '');
  const add = await shownPremium(page);
  assert.equal(add, await engineQuote(page, 'fuyang'));
  await setField(page, 'combine', 'multiplicative');
  const mul = await shownPremium(page);
  assert.equal(await inWidget(page, (w) => w.views.get('premium').quote.rule_set_id), 'fuyang+multiplicative');
  const expected = await inWidget(page, (w) => {
    const rs = new w.wasm.PremiumRuleSet('fuyang'); const m = rs.withCombine('multiplicative');
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
  const csv = await inWidget(page, (w) => w.wasm.premiumSyntheticCsv(7, 3));
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
  assert.match(li, /第 3 行 · 字段 headcount/);
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
