// End-to-end: the built demo page in Chromium (issue: district risk map).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, inWidget, SHOTS } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('page loads the widget with no console or page errors, at dpr 1 and 2', async () => {
  for (const dpr of [1, 2]) {
    const page = await env.open('/www/index.html', { dpr });
    assert.equal(await page.evaluate(() => document.querySelector('zs-risk-map').state), 'ready');
    const rows = await inWidget(page, (w) => w.districts.length);
    assert.equal(rows, 23);
    // Canvas backing store is cssSize × dpr (sharp on HiDPI).
    const sz = await inWidget(page, (w, r) => { const c = r.querySelector('canvas'); return [c.width, c.clientWidth, c.height, c.clientHeight]; });
    assert.ok(Math.abs(sz[0] - sz[1] * dpr) <= 1 && Math.abs(sz[2] - sz[3] * dpr) <= 1, `backing store ${sz}`);
    await page.screenshot({ path: join(SHOTS, `map-surge-dpr${dpr}.png`) });
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

test('hover shows a tooltip with the town name', async () => {
  const page = await env.open();
  const pos = await inWidget(page, (w, r) => {
    const row = w.districts.find((d) => d.code === '442000107');
    const [x, y] = w.map.toCss(row.seat_lon, row.seat_lat);
    const rect = r.querySelector('canvas').getBoundingClientRect();
    return [rect.left + x, rect.top + y];
  });
  await page.mouse.move(pos[0], pos[1]);
  await page.waitForFunction(() => !document.querySelector('zs-risk-map').shadowRoot.querySelector('.tooltip').hidden);
  const tip = await inWidget(page, (w, r) => r.querySelector('.tooltip').textContent);
  assert.match(tip, /坦洲镇/);
  assert.match(tip, /风暴潮暴露/);
  await page.screenshot({ path: join(SHOTS, 'map-hover-tanzhou.png') });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('keyboard: arrows move through towns, Enter selects, the live region speaks', async () => {
  const page = await env.open();
  await page.evaluate(() => {
    window.__selected = null;
    document.querySelector('zs-risk-map').addEventListener('district-select', (e) => { window.__selected = e.detail; });
  });
  await inWidget(page, (w, r) => r.querySelector('canvas').focus());
  await page.keyboard.press('ArrowRight'); // focus moves from the first to the second town
  await page.keyboard.press('Enter');
  const sel = await page.evaluate(() => window.__selected);
  assert.equal(sel.code, '442000002');
  assert.equal(sel.name_zh, '东区街道');
  const live = await inWidget(page, (w, r) => r.querySelector('.live').textContent);
  assert.match(live, /已选择 东区街道/);
  const tip = await inWidget(page, (w, r) => r.querySelector('.tooltip').textContent);
  assert.match(tip, /东区街道/);
  await page.keyboard.press('Escape');
  assert.equal(await inWidget(page, (w, r) => r.querySelector('.tooltip').hidden), true);
  await page.screenshot({ path: join(SHOTS, 'map-keyboard-select.png') });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('loading the OSM town polygons through the JS API shows 23 towns with OSM attribution', async () => {
  const page = await env.open();
  const summary = await page.evaluate(() => document.querySelector('zs-risk-map').loadDistrictsFromUrl(
    '/_shared/data/zhongshan_towns_osm.geojson', { crs: 'WGS84', attribution: '© OpenStreetMap contributors (ODbL)' }));
  assert.equal(summary.count, 23);
  assert.equal(summary.schematic, false);
  const legend = await inWidget(page, (w) => w.map.legend());
  assert.match(legend.attribution, /OpenStreetMap/);
  assert.equal(await inWidget(page, (w, r) => r.querySelector('.badge').hidden), true, 'no schematic badge on real boundaries');
  await page.screenshot({ path: join(SHOTS, 'map-osm-loaded.png') });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('bad GeoJSON shows an error in the widget and keeps the map', async () => {
  const page = await env.open();
  const before = await inWidget(page, (w) => w.districts.map((d) => d.code).join());
  const err = await page.evaluate(() => document.querySelector('zs-risk-map')
    .loadDistricts('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"X"},"geometry":{"type":"Polygon","coordinates":[[[113.3,22.5],[113.4,22.5],[113.4,22.6]]]}}]}')
    .then(() => null, (e) => ({ name: e.name, code: e.code, message: e.message, isError: e instanceof Error })));
  assert.deepEqual([err.name, err.code, err.isError], ['RiskMapError', 'INVALID_GEOMETRY', true]);
  assert.match(err.message, /feature 0 \(code X\)/);
  const shown = await inWidget(page, (w, r) => ({ hidden: r.querySelector('.error').hidden, text: r.querySelector('.error').textContent }));
  assert.equal(shown.hidden, false);
  assert.match(shown.text, /边界几何无效/);
  assert.match(shown.text, /已保留上一次的有效结果/);
  const after = await inWidget(page, (w) => w.districts.map((d) => d.code).join());
  assert.equal(after, before);
  await page.screenshot({ path: join(SHOTS, 'map-bad-geojson.png') });
  // The banner follows a language switch (the same error, in English; no second event).
  await page.evaluate(() => { window.__errs = 0; document.querySelector('zs-risk-map').addEventListener('error', () => window.__errs++); });
  await page.evaluate(() => document.querySelector('zs-risk-map').setAttribute('lang', 'en'));
  const en = await inWidget(page, (w, r) => ({ hidden: r.querySelector('.error').hidden, text: r.querySelector('.error').textContent }));
  assert.equal(en.hidden, false);
  assert.match(en.text, /Invalid boundary geometry/);
  assert.match(en.text, /The last valid result is kept/);
  assert.doesNotMatch(en.text, /边界几何无效|已保留/);
  assert.equal(await page.evaluate(() => window.__errs), 0);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('layer and language switch, table view and CSV export', async () => {
  const page = await env.open();
  await page.evaluate(() => { const w = document.querySelector('zs-risk-map'); w.setAttribute('layer', 'waterlogging'); w.setAttribute('lang', 'en'); });
  await page.waitForFunction(() => document.querySelector('zs-risk-map').map.layerId() === 'waterlogging');
  const head = await inWidget(page, (w, r) => r.querySelector('.legend > :not(.off) h3').textContent);
  assert.match(head, /Waterlogging/);
  await inWidget(page, (w, r) => r.querySelector('.btn-table').click());
  const cells = await inWidget(page, (w, r) => r.querySelectorAll('table.map-table tbody tr').length);
  assert.equal(cells, 23);
  const csv = await inWidget(page, (w) => w.tableCsv());
  assert.ok(csv.startsWith('\ufeff'), 'UTF-8 BOM');
  assert.equal(csv.trim().split('\r\n').length, 1 + 23 + 1);
  assert.match(csv, /442000007,民众街道,Minzhong Subdistrict,1,High/);
  await page.screenshot({ path: join(SHOTS, 'map-table-en.png') });
  // Legend click highlights one level.
  await inWidget(page, (w, r) => r.querySelector('.btn-table').click());
  await inWidget(page, (w, r) => r.querySelector('.legend > :not(.off) li[data-level="high"]').click());
  assert.equal(await inWidget(page, (w, r) => r.querySelector('.legend > :not(.off) li[data-level="high"] button').getAttribute('aria-pressed')), 'true');
  await page.screenshot({ path: join(SHOTS, 'map-legend-highlight-en.png') });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a layer switch repaints the fills only: the top canvas and the legends shown before are kept', async () => {
  const page = await env.open('/www/index.html', { dpr: 2 });
  const snap = () => inWidget(page, (w, r) => {
    const [base, top] = r.querySelectorAll('.view-map canvas');
    const legends = [...r.querySelectorAll('.legend > div')];
    const shown = legends.filter((d) => !d.classList.contains('off'));
    return {
      base: base.toDataURL(), top: top.toDataURL(),
      legends: legends.length, shown: shown.length, mark: shown[0]?.dataset.mark ?? null,
      title: shown[0]?.querySelector('h3').textContent,
      visible: shown.map((d) => getComputedStyle(d).contentVisibility),
      counts: [...(shown[0]?.querySelectorAll('li') ?? [])].map((li) => [li.dataset.level, Number(/\((\d+)\)$/.exec(li.textContent)[1])]),
      rows: w.districts.map((d) => d.level),
    };
  });
  const setLayer = (id) => page.evaluate((layer) => new Promise((ok) => {
    const w = document.querySelector('zs-risk-map');
    w.addEventListener('layer-change', ok, { once: true });
    w.setAttribute('layer', layer);
  }), id);
  // The legend counts come from wasm and match the rows.
  const checkCounts = (s) => { for (const [level, n] of s.counts) assert.equal(n, s.rows.filter((l) => l === level).length, `count of ${level}`); };
  const a = await snap();
  assert.equal(a.shown, 1);
  checkCounts(a);
  // Counts the text drawn on the top canvas (its labels): none may be drawn by a switch.
  await inWidget(page, (w, r) => {
    const ctx = r.querySelector('.view-map canvas.top').getContext('2d');
    const fillText = ctx.fillText;
    window.__topTexts = 0;
    ctx.fillText = function (...args) { window.__topTexts++; return fillText.apply(this, args); };
  });
  const topTexts = () => page.evaluate(() => window.__topTexts);
  await inWidget(page, (w, r) => { r.querySelector('.legend > :not(.off)').dataset.mark = 'first'; });
  await setLayer('waterlogging');
  const b = await snap();
  assert.equal(b.top, a.top, 'outlines, labels and furniture are not redrawn on a layer switch');
  assert.notEqual(b.base, a.base, 'the fills change');
  assert.equal(b.shown, 1, 'one legend visible');
  assert.equal(b.legends, 2);
  assert.match(b.title, /内涝/);
  checkCounts(b);
  await setLayer('surge');
  const c = await snap();
  assert.equal(c.base, a.base, 'the same layer draws the same fills');
  assert.equal(c.top, a.top);
  assert.equal(c.mark, 'first', 'the legend shown before is shown again, not rebuilt');
  assert.equal(c.legends, 2);
  assert.equal(await topTexts(), 0, 'no label was drawn again by the two switches');
  // Base under top is the picture a single canvas draws (antialiased edges may round apart).
  const diff = await inWidget(page, (w, r) => {
    const [base, top] = r.querySelectorAll('.view-map canvas');
    const both = document.createElement('canvas');
    both.width = base.width; both.height = base.height;
    const ctx = both.getContext('2d');
    ctx.drawImage(base, 0, 0); ctx.drawImage(top, 0, 0);
    const one = document.createElement('canvas');
    one.width = base.width; one.height = base.height;
    const m = new w.wasm.RiskMap(one);
    m.setLayer(w.map.layerId());
    m.render(w.dpr);
    m.free();
    const p = ctx.getImageData(0, 0, both.width, both.height).data;
    const q = one.getContext('2d').getImageData(0, 0, one.width, one.height).data;
    let off = 0;
    for (let i = 0; i < p.length; i += 4) {
      if (Math.max(Math.abs(p[i] - q[i]), Math.abs(p[i + 1] - q[i + 1]), Math.abs(p[i + 2] - q[i + 2])) > 8) off++;
    }
    return off / (p.length / 4);
  });
  assert.ok(diff < 0.001, `stacked canvases differ from one canvas in ${(diff * 100).toFixed(3)} % of pixels`);
  // What the top shows: the language, the highlighted class does not.
  await inWidget(page, (w, r) => r.querySelector('.legend > :not(.off) li[data-level="high"]').click());
  const d = await snap();
  assert.equal(d.top, a.top, 'a highlighted class fades fills only');
  assert.notEqual(d.base, a.base);
  await page.evaluate(() => document.querySelector('zs-risk-map').setAttribute('lang', 'en'));
  const e = await snap();
  assert.notEqual(e.top, a.top, 'labels are redrawn in English');
  assert.ok(await topTexts() >= 23, 'the language change drew the labels again');
  assert.equal(e.shown, 1);
  assert.match(e.title, /Storm-surge/);
  await page.screenshot({ path: join(SHOTS, 'map-after-switches-en.png') });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a panic poisons the module: the widget shows its crash panel and later calls throw POISONED', async () => {
  const page = await env.open();
  const result = await page.evaluate(async () => {
    const w = document.querySelector('zs-risk-map');
    const m = await w.module();
    const events = [];
    w.addEventListener('error', (e) => events.push(e.detail));
    try { m.__testPanic(); } catch (e) { /* trap: unreachable */ }
    const poisoned = m.isPoisoned();
    const err = await w.setLayer('surge').then(() => null, (e) => e.code);
    return { poisoned, err, events, fatalShown: !w.shadowRoot.querySelector('.fatal').hidden, last: m.lastPanic() };
  });
  assert.equal(result.poisoned, true);
  assert.equal(result.err, 'POISONED');
  assert.equal(result.fatalShown, true);
  assert.ok(result.events.some((e) => e.fatal && e.code === 'PANIC'));
  assert.match(result.last, /deliberate test panic/);
  await page.screenshot({ path: join(SHOTS, 'map-poisoned.png') });
  // Only the panic hook's own console output is expected here.
  assert.ok(page.errors.every((e) => /deliberate test panic|unreachable/.test(e)), page.errors.join('\n'));
  await page.close();
});
