// Load on demand (issue 10 item 1, README "Size budget"): a map-only visit downloads the map
// bundle and the element's map modules only; the engines bundle and the view modules arrive
// when an engine tab opens, behind a visible loading state (zh/en). Prints the bytes a visitor
// downloads before `ready` (gzip -9 of every fetched file: the test server does not compress).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { setup, inWidget, SHOTS } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const ENGINES_WASM = /\/pkg\/zs_risk_map_bg\.wasm$/;
const ENGINES_GLUE = /\/pkg\/zs_risk_map\.js$/;
const MAP_WASM = /\/pkg\/zs_risk_map_map_bg\.wasm$/;
const MAP_GLUE = /\/pkg\/zs_risk_map_map\.js$/;
/** Files of the engine views: none of them may be fetched before `ready` on a map visit. */
const ENGINE_FILES = [ENGINES_WASM, ENGINES_GLUE, /\/views\/(typhoon|payout|forecast|briefing|premium|pricing|field-errors|view-kit)\.js$/, /\/i18n-views\.js$/, /\/sheet\.js$/];
/** The host page's own files (the demo page), not the widget's. */
const HOST_FILES = /\/(index\.html|demo\.js|demo\.css)$/;

/**
 * Opens the demo page recording every request in order, and which of them were issued
 * before the element's `ready` event. Optionally holds the engines wasm until `release()`.
 */
async function openRecorded({ holdEngines = false, lang = null } = {}) {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.errors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => page.errors.push(`pageerror: ${e.message}`));
  const requests = [];
  let readySeen = false;
  await page.exposeFunction('__zsReady', () => { readySeen = true; });
  await page.addInitScript(() => { document.addEventListener('ready', () => window.__zsReady(), { once: true }); });
  page.on('request', (r) => requests.push({ url: r.url(), beforeReady: !readySeen, request: r }));
  let release = () => {};
  if (holdEngines) {
    const gate = new Promise((r) => { release = r; });
    await page.route(ENGINES_WASM, async (route) => { await gate; await route.continue(); });
  }
  await page.goto(`${env.base}/www/index.html`);
  if (lang) await page.evaluate((l) => document.querySelector('zs-risk-map').setAttribute('lang', l), lang);
  await page.waitForFunction(() => document.querySelector('zs-risk-map')?.state === 'ready', null, { timeout: 30000 });
  // `ready` is dispatched before state checks return; make sure the binding call landed.
  await page.waitForFunction(() => true);
  return { page, requests, release };
}

/** gzip -9 size of a response body (what a compressing server would send; the same tool and
 *  level scripts/build.sh measures the budget with). */
async function gzSize(req) {
  const resp = await req.response();
  const body = resp ? await resp.body() : Buffer.alloc(0);
  return { raw: body.length, gz: execFileSync('gzip', ['-9', '-c'], { input: body, maxBuffer: 1 << 26 }).length };
}

test('a map-only visit fetches only the map bundle before ready, ≤ 150 KiB gzipped (figures printed)', async () => {
  const { page, requests } = await openRecorded();
  const before = requests.filter((r) => r.beforeReady);
  const urls = before.map((r) => r.url);
  assert.ok(urls.some((u) => MAP_WASM.test(u)), 'the map wasm was fetched');
  assert.ok(urls.some((u) => MAP_GLUE.test(u)), 'the map glue was fetched');
  for (const re of ENGINE_FILES) assert.ok(!urls.some((u) => re.test(u)), `${re} fetched before ready`);
  // The map wasm request starts at element-module evaluation, beside the glue: before it.
  assert.ok(urls.findIndex((u) => MAP_WASM.test(u)) < urls.findIndex((u) => MAP_GLUE.test(u)), `wasm after glue: ${urls.join(' ')}`);

  let widgetRaw = 0;
  let widgetGz = 0;
  const lines = [];
  for (const r of before) {
    const { raw, gz } = await gzSize(r.request);
    const host = HOST_FILES.test(new URL(r.url).pathname);
    if (!host) { widgetRaw += raw; widgetGz += gz; }
    lines.push(`  ${new URL(r.url).pathname.padEnd(40)} ${String(raw).padStart(8)} B raw ${String(gz).padStart(7)} B gz${host ? '  (host page, not counted)' : ''}`);
  }
  console.log(`downloaded before ready (map-only visit):\n${lines.join('\n')}\n  widget total: ${(widgetRaw / 1024).toFixed(1)} KiB raw, ${(widgetGz / 1024).toFixed(1)} KiB gzipped`);
  assert.ok(widgetGz <= 150 * 1024, `widget bytes before ready ${widgetGz} B gz > 150 KiB`);

  // The map works without the engines: hover, select, layer switch, table.
  const res = await inWidget(page, async (w) => {
    await w.setLayer('waterlogging');
    await w.selectDistrict('442000001');
    return { layer: w.map.layerId(), rows: w.districts.length, engines: w.engines };
  });
  assert.equal(res.layer, 'waterlogging');
  assert.equal(res.rows, 23);
  assert.equal(res.engines, null);
  assert.ok(!requests.some((r) => ENGINES_WASM.test(r.url)), 'the engines were fetched by a map action');
  // Every tab is offered from the start.
  const tabs = await inWidget(page, (w, r) => [...r.querySelectorAll('[role="tab"]')].map((b) => b.dataset.view));
  assert.deepEqual(tabs, ['map', 'typhoon', 'payout', 'forecast', 'premium', 'pricing']);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('opening the typhoon tab shows a loading state, loads the engines and works (loaded districts included)', async () => {
  const { page, requests, release } = await openRecorded({ holdEngines: true });
  // Boundaries the host loads (here 5 towns) must reach the engines' maps.
  const five = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'data', 'zhongshan_schematic.geojson'), 'utf8'));
  five.features = five.features.slice(0, 5);
  await inWidget(page, (w, r, gj) => w.loadDistricts(gj, { attribution: 'five towns (test)' }), JSON.stringify(five));
  await inWidget(page, (w, r) => r.querySelector('#tab-typhoon').click());
  await page.waitForFunction(() => {
    const s = document.querySelector('zs-risk-map').shadowRoot.querySelector('section.view-typhoon');
    return s && !s.hidden && s.querySelector('.view-loading');
  });
  const loading = await inWidget(page, (w, r) => {
    const s = r.querySelector('section.view-typhoon');
    return { text: s.querySelector('.view-loading').textContent, busy: s.getAttribute('aria-busy'), role: s.querySelector('.view-loading').getAttribute('role'), mapHidden: r.querySelector('section.view-map').hidden };
  });
  assert.match(loading.text, /正在加载.*台风情景/);
  assert.equal(loading.busy, 'true');
  assert.equal(loading.role, 'status');
  assert.equal(loading.mapHidden, true);
  await page.screenshot({ path: join(SHOTS, 'load-on-demand-loading-zh.png') });
  release();
  await page.waitForFunction(() => document.querySelector('zs-risk-map').views.has('typhoon'), null, { timeout: 60000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.ok(requests.some((r) => ENGINES_WASM.test(r.url) && !r.beforeReady));
  const view = await inWidget(page, (w, r) => {
    const s = r.querySelector('section.view-typhoon');
    return {
      loadingLeft: !!s.querySelector('.view-loading'), busy: s.hasAttribute('aria-busy'), hidden: s.hidden,
      rows: s.querySelectorAll('table.peaks tbody tr').length,
    };
  });
  assert.equal(view.loadingLeft, false);
  assert.equal(view.busy, false);
  assert.equal(view.hidden, false);
  assert.equal(view.rows, 5, 'the typhoon view uses the 5 towns the host loaded');
  await page.screenshot({ path: join(SHOTS, 'load-on-demand-typhoon.png') });
  // The payout tab reuses the loaded engines: no second engines download.
  await inWidget(page, (w, r) => r.querySelector('#tab-payout').click());
  await page.waitForFunction(() => document.querySelector('zs-risk-map').views.has('payout'), null, { timeout: 60000 });
  assert.equal(requests.filter((r) => ENGINES_WASM.test(r.url)).length, 1);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the loading state speaks English under lang="en"', async () => {
  const { page, release } = await openRecorded({ holdEngines: true, lang: 'en' });
  await inWidget(page, (w, r) => r.querySelector('#tab-premium').click());
  await page.waitForFunction(() => document.querySelector('zs-risk-map').shadowRoot.querySelector('section.view-premium .view-loading'));
  const text = await inWidget(page, (w, r) => r.querySelector('section.view-premium .view-loading').textContent);
  assert.match(text, /Loading the Premium explainer engine/);
  await page.screenshot({ path: join(SHOTS, 'load-on-demand-loading-en.png') });
  release();
  await page.waitForFunction(() => document.querySelector('zs-risk-map').views.has('premium'), null, { timeout: 60000 });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a layer switch draws once, whether by setLayer, the picker or the layer attribute', async () => {
  const { page } = await openRecorded();
  const counts = await inWidget(page, async (w, r) => {
    const frame = () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    const m = w.map;
    const n = { render: 0, setLayer: 0 };
    const render = m.render.bind(m);
    const setLayer = m.setLayer.bind(m);
    m.render = (d) => { n.render++; return render(d); };
    m.setLayer = (id) => { n.setLayer++; return setLayer(id); };
    const out = {};
    const measure = async (label, act) => { await frame(); n.render = 0; n.setLayer = 0; await act(); await frame(); out[label] = { ...n }; };
    await measure('api', () => w.setLayer('waterlogging'));
    await measure('attribute', async () => { w.setAttribute('layer', 'landslide'); await new Promise((ok) => w.addEventListener('layer-change', ok, { once: true })); });
    await measure('picker', async () => {
      const sel = r.querySelector('.layer-select');
      sel.value = 'surge';
      sel.dispatchEvent(new Event('change'));
      await new Promise((ok) => w.addEventListener('layer-change', ok, { once: true }));
    });
    return out;
  });
  for (const [how, n] of Object.entries(counts)) {
    assert.deepEqual(n, { render: 1, setLayer: 1 }, `${how}: ${JSON.stringify(n)}`);
  }
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('an engines download that fails is a WASM_LOAD_FAILED error; the map keeps working and the tab retries', async () => {
  const { page } = await openRecorded();
  await page.route(ENGINES_WASM, (route) => route.abort());
  const events = await inWidget(page, async (w, r) => {
    const seen = [];
    w.addEventListener('error', (e) => seen.push(e.detail));
    r.querySelector('#tab-typhoon').click();
    for (let i = 0; i < 200 && !seen.length; i++) await new Promise((ok) => setTimeout(ok, 50));
    return seen;
  });
  assert.equal(events.length, 1, JSON.stringify(events));
  assert.equal(events[0].code, 'WASM_LOAD_FAILED');
  assert.equal(events[0].fatal, false);
  const shown = await inWidget(page, (w, r) => ({ error: !r.querySelector('.error').hidden, text: r.querySelector('.error').textContent, state: w.state }));
  assert.equal(shown.error, true);
  assert.match(shown.text, /WASM_LOAD_FAILED/);
  assert.equal(shown.state, 'ready');
  await page.screenshot({ path: join(SHOTS, 'load-on-demand-failed.png') });
  assert.match(shown.text, /再次点击该标签可重试/);
  // Clicking the tab again retries (here: succeeds once the network is back).
  await page.unroute(ENGINES_WASM);
  await inWidget(page, (w, r) => r.querySelector('#tab-typhoon').click());
  await page.waitForFunction(() => document.querySelector('zs-risk-map').views.has('typhoon'), null, { timeout: 60000 });
  // Back on the map everything works.
  await inWidget(page, async (w, r) => { r.querySelector('#tab-map').click(); await w.setLayer('landslide'); });
  assert.equal(await inWidget(page, (w) => w.map.layerId()), 'landslide');
  // The only console errors are the aborted download's.
  assert.deepEqual(page.errors.filter((e) => !/Failed to load resource|ERR_FAILED/.test(e)), []);
  await page.close();
});
