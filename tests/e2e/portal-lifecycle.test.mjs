// End-to-end: the element's lifecycle and API in a single-page app (issue 12 §3, §5) and the
// typed JS boundary (issue 9 §3): detach/re-attach, storm switch during playback, language
// switch during a pricing run, view switching, ready promise, events, wrong argument types.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, showView, SHOTS } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const visibleViews = (page) => page.evaluate(() => [...document.querySelector('zs-risk-map').shadowRoot.querySelectorAll('section.view')]
  .filter((s) => !s.hidden && s.getClientRects().length).map((s) => s.dataset.view));

test('detach and re-attach (moved at once, and after a long time) keeps every view working', async () => {
  const page = await env.open('/www/index.html');
  for (const v of ['typhoon', 'payout', 'premium']) await showView(page, v);
  // 1. An SPA moves the element (remove + insert in one task): nothing is rebuilt.
  const moved = await page.evaluate(async () => {
    const w = document.querySelector('zs-risk-map');
    const map = w.map;
    const parent = w.parentNode;
    const next = w.nextSibling;
    w.remove();
    parent.insertBefore(w, next);
    await new Promise((r) => setTimeout(r, 50));
    return { same: w.map === map, state: w.state, views: [...w.views.keys()] };
  });
  assert.deepEqual(moved, { same: true, state: 'ready', views: ['typhoon', 'payout', 'premium'] });
  // 2. Detached for a while (a route change), then back: handles freed once, rebuilt clean.
  const back = await page.evaluate(async () => {
    const w = document.querySelector('zs-risk-map');
    const parent = w.parentNode;
    const next = w.nextSibling;
    w.setAttribute('view', 'typhoon');
    await new Promise((r) => setTimeout(r, 50));
    w.remove();
    await new Promise((r) => setTimeout(r, 100));
    const detached = { state: w.state, views: w.views.size, map: w.map };
    parent.insertBefore(w, next);
    const ready = await w.ready;
    await new Promise((r) => setTimeout(r, 300));
    const t = w.views.get('typhoon');
    const rows = w.shadowRoot.querySelectorAll('.view-typhoon table.peaks tbody tr').length;
    return { detached, ready, state: w.state, view: w.view, rows, hasMap: !!t?.map };
  });
  assert.deepEqual(back.detached, { state: 'idle', views: 0, map: null });
  assert.equal(back.state, 'ready');
  assert.match(back.ready.version, /^\d+\.\d+\.\d+/);
  assert.equal(back.view, 'typhoon');
  assert.equal(back.rows, 23, 'typhoon view rebuilt with its table');
  for (const v of ['payout', 'premium', 'pricing', 'map']) await showView(page, v);
  // Boundaries loaded by the portal survive a long detach (replayed on rebuild).
  const replay = await page.evaluate(async () => {
    const w = document.querySelector('zs-risk-map');
    await w.loadDistrictsFromUrl('/data/zhongshan_schematic.geojson', { attribution: 'portal-test-attribution' });
    const parent = w.parentNode;
    w.remove();
    await new Promise((r) => setTimeout(r, 100));
    parent.prepend(w);
    await w.ready;
    return [w.map.legend().attribution, w.districts.length];
  });
  assert.deepEqual(replay, ['portal-test-attribution', 23]);
  await page.screenshot({ path: join(SHOTS, 'portal-reattached.png') });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('switching storm during playback never touches a freed scenario; the button comes back to ▶', async () => {
  const page = await env.open('/www/index.html', { width: 1400, height: 1000 });
  await showView(page, 'typhoon');
  const r = await page.evaluate(async () => {
    const w = document.querySelector('zs-risk-map');
    const root = w.shadowRoot;
    const play = root.querySelector('.view-typhoon button.play');
    const storm = root.querySelector('.view-typhoon select.storm');
    play.click();
    await new Promise((res) => setTimeout(res, 600));
    const playing = w.views.get('typhoon').state.playing;
    for (const id of ['mangkhut', 'saola', 'hato']) {
      storm.value = id;
      storm.dispatchEvent(new Event('change'));
      await new Promise((res) => setTimeout(res, 400));
    }
    const stillPlaying = w.views.get('typhoon').state.playing;
    play.click(); // pause
    const label = play.textContent;
    // Switch views and languages in the middle of playback too.
    play.click();
    w.setAttribute('view', 'payout');
    await new Promise((res) => setTimeout(res, 300));
    w.setAttribute('lang', 'en');
    w.setAttribute('view', 'typhoon');
    await new Promise((res) => setTimeout(res, 300));
    storm.value = 'vicente';
    storm.dispatchEvent(new Event('change'));
    await new Promise((res) => setTimeout(res, 300));
    return { playing, stillPlaying, label, storm: w.scenarioStorm, error: root.querySelector('.error').hidden };
  });
  assert.equal(r.playing, true);
  assert.equal(r.stillPlaying, true, 'playback continues with the new storm');
  assert.match(r.label, /▶/);
  assert.equal(r.storm, 'vicente');
  assert.equal(r.error, true, 'no error shown');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('language and view switches during a pricing run; going back to the map shows only the map', async () => {
  const page = await env.open('/www/index.html', { width: 1400, height: 1000 });
  await showView(page, 'pricing');
  const r = await page.evaluate(async () => {
    const w = document.querySelector('zs-risk-map');
    const v = w.views.get('pricing');
    v.setInputs({ years: 5000, size: 400 });
    const run = v.run();
    await new Promise((res) => setTimeout(res, 30));
    w.setAttribute('lang', 'en');
    await new Promise((res) => setTimeout(res, 30));
    w.setAttribute('view', 'premium');
    await new Promise((res) => setTimeout(res, 30));
    w.setAttribute('view', 'pricing');
    w.setAttribute('lang', 'zh-CN');
    const ok = await run;
    return { ok, years: v.result?.years, running: v.running };
  });
  assert.deepEqual(r, { ok: true, years: 5000, running: false });
  await showView(page, 'map');
  assert.deepEqual(await visibleViews(page), ['map'], 'only the map view on screen');
  // Rapid switching: exactly one view visible at the end, the last one asked for.
  await page.evaluate(() => { const w = document.querySelector('zs-risk-map'); for (const v of ['typhoon', 'payout', 'map', 'premium', 'map']) w.setAttribute('view', v); });
  await page.waitForTimeout(600);
  assert.deepEqual(await visibleViews(page), ['map']);
  // A run cut short by detaching: its handles are freed by the run itself, without errors.
  await showView(page, 'pricing');
  await page.evaluate(async () => {
    const w = document.querySelector('zs-risk-map');
    const v = w.views.get('pricing');
    v.setInputs({ years: 20000, size: 300, seed: 7 });
    const run = v.run();
    await new Promise((res) => setTimeout(res, 20));
    const parent = w.parentNode;
    w.remove();
    await run;
    await new Promise((res) => setTimeout(res, 50));
    parent.prepend(w);
    await w.ready;
  });
  await page.waitForTimeout(300);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('API: ready promise, layer-change once, events bubble and are composed', async () => {
  const page = await env.open('/www/index.html');
  const r = await page.evaluate(async () => {
    const w = document.querySelector('zs-risk-map');
    const seen = [];
    for (const t of ['layer-change', 'district-select', 'error']) document.addEventListener(t, (e) => seen.push([t, e.composed, e.bubbles, e.target === w]));
    const ready = await w.ready;
    await w.setLayer('waterlogging');
    w.setAttribute('layer', 'landslide');
    await new Promise((res) => setTimeout(res, 50));
    await w.selectDistrict('442000107');
    return { ready, seen, layer: w.getAttribute('layer') };
  });
  assert.match(r.ready.version, /^\d/);
  assert.deepEqual(r.seen, [['layer-change', true, true, true], ['layer-change', true, true, true], ['district-select', true, true, true]]);
  assert.equal(r.layer, 'landslide');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('typed boundary: wrong JS types are coerced or rejected with a coded error; the widget stays usable', async () => {
  const page = await env.open('/www/index.html');
  const r = await page.evaluate(async () => {
    const w = document.querySelector('zs-risk-map');
    const code = (p) => p.then(() => 'ok', (e) => `${e.name}:${e.code}:${e.field ?? ''}`);
    const out = {};
    out.numberCode = await code(w.selectDistrict(442000001));
    out.selected = w.selected;
    out.layer42 = await code(w.setLayer(42));
    out.crs42 = await code(w.loadDistricts('{}', { crs: 42 }));
    out.attr123 = await code(w.loadDistricts({ type: 'FeatureCollection', features: [] }, { attribution: {} }));
    out.geojsonNumber = await code(w.loadDistricts(7));
    out.codeObject = await code(w.selectDistrict({}));
    out.scale = await code(w.exportPng({ scale: 100 }));
    // A raw wasm call with a wrong type (what the element now prevents): a trap that is not a
    // Rust panic is reported as such, or the wasm side rejects it; either way not fatal.
    try { w._guard(() => w.map.setLayer(42)); out.raw = 'ok'; } catch (e) { out.raw = e.code; }
    // A WebAssembly trap without the panic flag is reported as WASM_TRAP, not as a panic.
    const events = [];
    w.addEventListener('error', (e) => events.push(e.detail), { once: true });
    try { w._guard(() => { throw new WebAssembly.RuntimeError('memory access out of bounds'); }); } catch (e) { out.trap = `${e.code}|${e.messageEn}`; }
    out.trapEvent = events.map((d) => `${d.code}:${d.fatal}`);
    out.stateAfter = w.state;
    out.works = await code(w.setLayer('surge'));
    out.select = await code(w.selectDistrict('442000107'));
    out.rows = w.districts.length;
    return out;
  });
  assert.equal(r.numberCode, 'ok');
  assert.equal(r.selected, '442000001');
  assert.equal(r.layer42, 'RiskMapError:INVALID_INPUT:map.layer');
  assert.equal(r.crs42, 'RiskMapError:INVALID_INPUT:geojson.crs');
  assert.equal(r.attr123, 'RiskMapError:INVALID_INPUT:geojson.attribution');
  assert.equal(r.geojsonNumber, 'RiskMapError:INVALID_INPUT:geojson');
  assert.equal(r.codeObject, 'RiskMapError:INVALID_INPUT:map.selected');
  assert.equal(r.scale, 'RiskMapError:OUT_OF_RANGE:scale');
  assert.ok(['WASM_TRAP', 'INVALID_INPUT', 'ok'].includes(r.raw), `raw wrong-typed call: ${r.raw}`);
  console.log(`raw wasm call setLayer(42) → ${r.raw}`);
  assert.match(r.trap, /^WASM_TRAP\|WebAssembly runtime error \(not a Rust panic\): memory access out of bounds/);
  assert.deepEqual(r.trapEvent, ['WASM_TRAP:false']);
  assert.equal(r.stateAfter, 'ready', 'no permanent WASM_LOAD_FAILED');
  assert.equal(r.works, 'ok');
  assert.equal(r.select, 'ok');
  assert.equal(r.rows, 23);
  // Errors were shown in the widget (not thrown into the page).
  assert.deepEqual(page.errors, []);
  await page.close();
});
