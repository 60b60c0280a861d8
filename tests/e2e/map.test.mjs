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
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('layer and language switch, table view and CSV export', async () => {
  const page = await env.open();
  await page.evaluate(() => { const w = document.querySelector('zs-risk-map'); w.setAttribute('layer', 'waterlogging'); w.setAttribute('lang', 'en'); });
  await page.waitForFunction(() => document.querySelector('zs-risk-map').map.layerId() === 'waterlogging');
  const head = await inWidget(page, (w, r) => r.querySelector('.legend h3').textContent);
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
  await inWidget(page, (w, r) => r.querySelector('.legend li[data-level="high"]').click());
  assert.equal(await inWidget(page, (w, r) => r.querySelector('.legend li[data-level="high"] button').getAttribute('aria-pressed')), 'true');
  await page.screenshot({ path: join(SHOTS, 'map-legend-highlight-en.png') });
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
