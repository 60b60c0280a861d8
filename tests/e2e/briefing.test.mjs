// End-to-end: the council briefing (issue 11 UI) in real Chromium at 1920×1080 — regional map
// zoom and pan, presentation mode, the shareable scenario (el.scenario and the URL hash), the
// one-page 简报 (print emulation → one A4 landscape PDF page, PNG 2×, SVG) and forecast mode.
// Every test fails on a console error or a page error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, inWidget, SHOTS } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const FULL_HD = { width: 1920, height: 1080 };
const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
const noErrors = (page) => assert.deepEqual(page.errors, [], page.errors.join('\n'));

async function openTyphoon(path = '/www/briefing.html') {
  const page = await env.open(path, FULL_HD);
  await page.waitForFunction(() => document.querySelector('zs-risk-map').views.get('typhoon'), null, { timeout: 30000 });
  await frames(page);
  return page;
}
const click = (page, sel) => inWidget(page, (w, r, s) => r.querySelector(s).click(), sel);

test('regional map: whole track, zoom by keys and wheel, pan by drag; screenshot zoomed', async () => {
  const page = await openTyphoon();
  await click(page, 'section.view-typhoon button.kind-region');
  await frames(page);
  const vis = await inWidget(page, (w, r) => [r.querySelector('section.view-typhoon canvas.regional').hidden, w.scenario.map]);
  assert.deepEqual(vis, [false, 'region']);
  await page.screenshot({ path: join(SHOTS, 'briefing-regional.png') });
  const z0 = await inWidget(page, (w) => w.views.get('typhoon').regional.view().zoom);
  assert.equal(z0, 1);
  // Keyboard + twice, then the wheel over Zhongshan.
  await inWidget(page, (w, r) => r.querySelector('section.view-typhoon canvas.regional').focus());
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await frames(page);
  const z1 = await inWidget(page, (w) => w.views.get('typhoon').regional.view().zoom);
  assert.ok(Math.abs(z1 - 1.5625) < 1e-9, `zoom after + + = ${z1}`);
  const box = await inWidget(page, (w, r) => { const b = r.querySelector('section.view-typhoon canvas.regional').getBoundingClientRect(); return { x: b.x, y: b.y, w: b.width, h: b.height }; });
  await page.mouse.move(box.x + box.w / 2, box.y + box.h / 2);
  await page.mouse.wheel(0, -400);
  await frames(page);
  const z2 = await inWidget(page, (w) => w.views.get('typhoon').regional.view().zoom);
  assert.ok(z2 > z1 * 2, `wheel zooms in: ${z1} → ${z2}`);
  // Drag pans (the centre moves west when the map is dragged east).
  const lon0 = await inWidget(page, (w) => w.views.get('typhoon').regional.view().lon);
  await page.mouse.down();
  await page.mouse.move(box.x + box.w / 2 + 200, box.y + box.h / 2, { steps: 5 });
  await page.mouse.up();
  await frames(page);
  const lon1 = await inWidget(page, (w) => w.views.get('typhoon').regional.view().lon);
  assert.ok(lon1 < lon0, `drag east moves the centre west: ${lon0} → ${lon1}`);
  // The view box is in the shared state; 0 resets.
  const s = await inWidget(page, (w) => w.scenario.region);
  assert.ok(s.zoom > 3);
  await page.screenshot({ path: join(SHOTS, 'briefing-regional-zoomed.png') });
  await page.keyboard.press('0');
  await frames(page);
  assert.equal(await inWidget(page, (w) => w.views.get('typhoon').regional.view().zoom), 1);
  // A burst of wheel events and layer switches in one task draws once per frame.
  const draws = await page.evaluate(async () => {
    const w = document.querySelector('zs-risk-map');
    const v = w.views.get('typhoon');
    await new Promise((r) => requestAnimationFrame(r));
    const c = w.shadowRoot.querySelector('section.view-typhoon canvas.regional');
    const before = v.state.draws;
    for (let i = 0; i < 20; i++) c.dispatchEvent(new WheelEvent('wheel', { deltaY: -50, clientX: 400, clientY: 300, bubbles: true, cancelable: true }));
    const heat = w.shadowRoot.querySelector('section.view-typhoon input.heat');
    for (let i = 0; i < 4; i++) heat.click();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return v.state.draws - before;
  });
  assert.equal(draws, 1, `20 wheel events + 4 layer switches drew ${draws} time(s)`);
  noErrors(page);
  await page.close();
});

test('high contrast: the regional map takes the palette too (canvas changes and comes back; SVG black on white)', async () => {
  const page = await openTyphoon();
  await click(page, 'section.view-typhoon button.kind-region');
  await frames(page);
  const sel = 'section.view-typhoon canvas.regional';
  const pix = () => inWidget(page, (w, r, s) => r.querySelector(s).toDataURL(), sel);
  const normal = await pix();
  // The regional SVG of the same handle (the 简报 export draws it too).
  const svg = () => inWidget(page, (w) => w.views.get('typhoon').regional.svgTyphoon(w.typhoonScenario, w.scenario.step ?? 0, 1200, 800, 'HC'));
  assert.match(await svg(), /stroke="#6B8AA8"/, 'normal coast colour');
  await click(page, 'section.view-typhoon input.high-contrast');
  await frames(page);
  assert.equal(await inWidget(page, (w) => w.scenario.present.high_contrast), true);
  const hc = await pix();
  assert.notEqual(hc, normal, 'the regional canvas is redrawn in the high-contrast palette');
  const hcSvg = await svg();
  assert.doesNotMatch(hcSvg, /stroke="#6B8AA8"/, 'the coast is stroked black in high contrast');
  // Every text ink ≥ 7:1 on the white plates (WCAG 2.1 contrast); the regional map's own
  // texts are the palette's black.
  const lum = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((s) => (s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4))
    .reduce((a, s, i) => a + [0.2126, 0.7152, 0.0722][i] * s, 0);
  const inks = new Set([...hcSvg.matchAll(/<text [^>]*fill="(#[0-9A-F]{6})"/g)].map((m) => m[1]));
  assert.ok(inks.has('#000000'), `text inks in high contrast: ${[...inks]}`);
  for (const ink of inks) assert.ok(1.05 / (lum(ink) + 0.05) >= 7, `text ink ${ink} < 7:1 on white`);
  assert.equal(await inWidget(page, (w, r, s) => getComputedStyle(r.querySelector(s)).filter, sel), 'none');
  await page.screenshot({ path: join(SHOTS, 'briefing-regional-hc.png') });
  await click(page, 'section.view-typhoon input.high-contrast');
  await frames(page);
  assert.equal(await pix(), normal, 'switching high contrast off restores the normal drawing');
  noErrors(page);
  await page.close();
});

test('presentation mode: fullscreen (or fallback), projector type, caption, ← → space, rules in both languages', async () => {
  const page = await openTyphoon();
  await click(page, 'section.view-typhoon button.present');
  await page.waitForFunction(() => document.querySelector('zs-risk-map').hasAttribute('presenting'));
  await frames(page);
  const info = await inWidget(page, (w, r) => {
    const cap = r.querySelector('section.view-typhoon .caption');
    const td = r.querySelector('section.view-typhoon table.peaks td');
    return { fs: document.fullscreenElement === w, fallback: w.hasAttribute('presenting-fallback'), cap: cap.textContent,
      capPx: parseFloat(getComputedStyle(cap).fontSize), tdPx: parseFloat(getComputedStyle(td).fontSize), step: w.scenario.step };
  });
  assert.ok(info.fs || info.fallback, 'fullscreen or the fallback class');
  assert.match(info.cap, /^\d\d:\d\d 中心位于石岐.+方 \d+ 公里，.+ \d+ 级（2 分钟平均 \d+ m\/s），.+预警$/);
  assert.ok(info.capPx >= 30 && info.tdPx >= 18, `caption ${info.capPx} px, table ${info.tdPx} px`);
  await page.screenshot({ path: join(SHOTS, 'briefing-present-zh.png') });
  // Every text of the town map at the projector type scale ≥ 18 CSS px (plotters writes the
  // size ÷ 1.24 into SVG font-size attributes; docs/briefing.md §6).
  const minPx = await inWidget(page, (w) => {
    const svg = w.views.get('typhoon').map.toSvg(1200, 800);
    return Math.min(...[...svg.matchAll(/font-size="([\d.]+)/g)].map((m) => Number(m[1]) * 1.24));
  });
  assert.ok(minPx >= 18, `smallest map text ${minPx.toFixed(1)} px`);
  // ← → step one hour; the caption follows.
  await inWidget(page, (w, r) => r.querySelector('section.view-typhoon').focus());
  await page.keyboard.press('ArrowRight');
  const s1 = await inWidget(page, (w) => w.scenario.step);
  assert.equal(s1, info.step + 1);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await inWidget(page, (w) => w.scenario.step), info.step - 1);
  await page.keyboard.press(' ');
  assert.equal(await inWidget(page, (w) => w.views.get('typhoon').state.playing), true);
  await page.keyboard.press(' ');
  assert.equal(await inWidget(page, (w) => w.views.get('typhoon').state.playing), false);
  // English: no bare signal codes anywhere in the view; the rules are explained.
  await page.evaluate(() => document.querySelector('zs-risk-map').setAttribute('lang', 'en'));
  await click(page, 'section.view-typhoon button.kind-region');
  await frames(page);
  const en = await inWidget(page, (w, r) => ({ text: r.querySelector('section.view-typhoon').innerText, cap: r.querySelector('section.view-typhoon .caption').textContent }));
  assert.doesNotMatch(en.text, /\bA[0-5]\b/, 'English shows colours, not A-codes');
  assert.match(en.text, /Orange: mean wind force ≥ 10 or gusts ≥ force 11/);
  assert.match(en.text, /橙色：平均风力 ≥ 10 级或阵风 ≥ 11 级/, 'both languages on screen');
  assert.match(en.cap, /^\d\d:\d\d centre \d+ km [NESW]+ of Shiqi; .+ force \d+ .+ (signal|no signal)$/);
  // High contrast.
  await inWidget(page, (w, r) => r.querySelector('section.view-typhoon input.high-contrast').click());
  assert.equal(await inWidget(page, (w) => w.hasAttribute('high-contrast') && w.scenario.present.high_contrast), true);
  await page.screenshot({ path: join(SHOTS, 'briefing-present-en-region.png') });
  // High contrast is the renderer's own palette on the town map (no CSS filter): the city
  // canvas changes when it is switched, and nothing filters the canvases.
  await click(page, 'section.view-typhoon button.kind-city');
  await frames(page);
  const cityPix = () => inWidget(page, (w, r) => r.querySelector('section.view-typhoon canvas:not(.regional)').toDataURL());
  const hcOn = await cityPix();
  assert.equal(await inWidget(page, (w, r) => getComputedStyle(r.querySelector('section.view-typhoon canvas:not(.regional)')).filter), 'none');
  await page.evaluate(() => document.querySelector('zs-risk-map').setAttribute('lang', 'zh-CN'));
  await frames(page);
  await page.screenshot({ path: join(SHOTS, 'briefing-present-hc.png') });
  await page.evaluate(() => document.querySelector('zs-risk-map').setAttribute('lang', 'en'));
  await inWidget(page, (w, r) => r.querySelector('section.view-typhoon input.high-contrast').click());
  await frames(page);
  assert.notEqual(await cityPix(), hcOn, 'the high-contrast palette draws a different map');
  await inWidget(page, (w, r) => r.querySelector('section.view-typhoon input.high-contrast').click());
  await frames(page);
  // The payout view while presenting: the bar chart at the projector type scale.
  await page.evaluate(() => document.querySelector('zs-risk-map').setAttribute('view', 'payout'));
  await page.waitForFunction(() => document.querySelector('zs-risk-map').views.get('payout'));
  await frames(page);
  await inWidget(page, (w, r) => r.querySelector('section.view-payout .chart').scrollIntoView());
  await page.screenshot({ path: join(SHOTS, 'briefing-present-payout.png') });
  noErrors(page);
  await page.close();
});

test('shareable state: storm switch keeps the what-if; a copied hash URL reopens the same scenario and picture', async () => {
  const page = await openTyphoon();
  // What-if: 50 km east, Δp −10 hPa.
  await inWidget(page, (w, r) => {
    for (const [k, v] of [['shift_east_km', '50'], ['dp_hpa', '-10']]) {
      const s = r.querySelector(`section.view-typhoon input[data-key="${k}"]`);
      s.value = v;
      s.dispatchEvent(new Event('input'));
    }
  });
  await frames(page);
  // Switching storm keeps the shift (issue 11: it used to reset).
  await inWidget(page, (w, r) => { const s = r.querySelector('section.view-typhoon select.storm'); s.value = 'mangkhut'; s.dispatchEvent(new Event('change')); });
  await frames(page);
  const sc = await inWidget(page, (w, r) => ({ s: w.scenario, slider: r.querySelector('section.view-typhoon input[data-key="shift_east_km"]').value }));
  assert.equal(sc.s.storm, 'mangkhut');
  assert.equal(sc.s.what_if.shift_east_km, 50);
  assert.equal(sc.s.what_if.dp_hpa, -10);
  assert.equal(sc.slider, '50');
  // More controls: model, step, region map zoomed.
  await inWidget(page, (w, r) => { const s = r.querySelector('section.view-typhoon select.model'); s.value = 'H1980'; s.dispatchEvent(new Event('change')); });
  await frames(page);
  await inWidget(page, (w, r) => { const s = r.querySelector('section.view-typhoon .timebar input[type=range]'); s.value = '20'; s.dispatchEvent(new Event('input')); });
  await click(page, 'section.view-typhoon button.kind-region');
  await inWidget(page, (w, r) => r.querySelector('section.view-typhoon canvas.regional').focus());
  await page.keyboard.press('+');
  await frames(page);
  const a = await inWidget(page, (w) => JSON.stringify(w.scenario));
  const parsed = JSON.parse(a);
  assert.equal(parsed.model, 'H1980');
  assert.equal(parsed.what_if.shift_east_km, 50, 'model change kept the what-if');
  assert.equal(parsed.step, 20);
  await page.waitForTimeout(400); // the hash is written 150 ms after the last change
  const url = page.url();
  assert.match(url, /#zs=/);
  assert.equal(JSON.parse(decodeURIComponent(new URL(url).hash.slice(4))).step, 20);
  const pixA = await inWidget(page, (w, r) => r.querySelector('section.view-typhoon canvas.regional').toDataURL());
  // The payout view says which what-if it paid.
  await page.evaluate(() => document.querySelector('zs-risk-map').setAttribute('view', 'payout'));
  await page.waitForFunction(() => document.querySelector('zs-risk-map').views.get('payout'));
  await frames(page);
  const label = await inWidget(page, (w, r) => r.querySelector('section.view-payout .scenario').textContent);
  assert.match(label, /山竹.*H1980.*假设情景: 东移 \+50 km, 气压差 -10 hPa/);
  await page.waitForTimeout(400);
  const urlPayout = page.url();
  await page.close();

  // Reopen the link captured on the typhoon view: identical JSON, identical pixels.
  const page2 = await env.open(url.replace(/^https?:\/\/[^/]+/, ''), FULL_HD);
  await page2.waitForFunction(() => document.querySelector('zs-risk-map').views.get('typhoon'), null, { timeout: 30000 });
  await frames(page2);
  const b = await inWidget(page2, (w) => JSON.stringify(w.scenario));
  assert.equal(b, a);
  const pixB = await inWidget(page2, (w, r) => r.querySelector('section.view-typhoon canvas.regional').toDataURL());
  if (pixA !== pixB) {
    writeFileSync(join(SHOTS, 'briefing-share-a.png'), Buffer.from(pixA.split(',')[1], 'base64'));
    writeFileSync(join(SHOTS, 'briefing-share-b.png'), Buffer.from(pixB.split(',')[1], 'base64'));
  }
  assert.ok(pixA === pixB, 'the reopened link draws the identical regional map');
  await page2.screenshot({ path: join(SHOTS, 'briefing-share-reopened.png') });
  noErrors(page2);
  await page2.close();
  // The link copied on the payout view opens the payout view with the same what-if.
  const page3 = await env.open(urlPayout.replace(/^https?:\/\/[^/]+/, ''), FULL_HD);
  await page3.waitForFunction(() => document.querySelector('zs-risk-map').views.get('payout'), null, { timeout: 30000 });
  const s3 = await inWidget(page3, (w) => w.scenario);
  assert.equal(s3.view, 'payout');
  assert.equal(s3.what_if.shift_east_km, 50);
  // el.scenario = … with a bad field: a named error, nothing changed.
  const err = await inWidget(page3, (w) => { try { w.scenario = { what_if: { dp_hpa: 999 } }; return null; } catch (e) { return [e.code, e.field]; } });
  assert.deepEqual(err, ['OUT_OF_RANGE', 'scenario.what_if.dp_hpa']);
  assert.equal(await inWidget(page3, (w) => w.scenario.what_if.dp_hpa), -10);
  noErrors(page3);
  await page3.close();
});

test('打印简报: print emulation gives one A4 landscape page; the same sheet as PNG 2× and SVG', async () => {
  const page = await openTyphoon();
  await click(page, 'section.view-typhoon button.kind-region');
  await frames(page);
  await page.evaluate(async () => {
    await document.querySelector('zs-risk-map').prepareBrief();
    const m = await import('/www/build/views/briefing.js');
    m.addPageRule();
  });
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 1123, height: 794 }); // A4 landscape at 96 px/in, as printed
  await frames(page);
  await page.screenshot({ path: join(SHOTS, 'briefing-print-emulated.png') });
  const rows = await inWidget(page, (w, r) => r.querySelectorAll('.brief-print table tbody tr').length);
  assert.equal(rows, 23, 'the 23-town table');
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  writeFileSync(join(SHOTS, 'briefing-brief.pdf'), pdf);
  const text = pdf.toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page(?!s)/g) || []).length;
  assert.equal(pages, 1, 'one page');
  const mb = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text);
  assert.ok(mb, 'MediaBox');
  const [wPt, hPt] = [Number(mb[1]), Number(mb[2])];
  assert.ok(Math.abs(wPt - 841.9) < 2 && Math.abs(hPt - 595.3) < 2, `A4 landscape: ${wPt} × ${hPt} pt`);
  await page.emulateMedia({ media: 'screen' });
  // PNG (2×) and SVG of the same sheet.
  const out = await page.evaluate(async () => {
    const w = document.querySelector('zs-risk-map');
    const png = await w.briefPng();
    const bmp = await createImageBitmap(png);
    const svg = await (await w.briefSvg()).text();
    const bytes = new Uint8Array(await png.arrayBuffer());
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    window.__briefPng = btoa(bin);
    return { type: png.type, width: bmp.width, svgHead: svg.slice(0, 200), rows: (svg.match(/石岐|火炬开发区/g) || []).length, hasPaid: svg.includes('赔付合计') };
  });
  writeFileSync(join(SHOTS, 'briefing-brief-2x.png'), Buffer.from(await page.evaluate(() => window.__briefPng), 'base64'));
  assert.equal(out.type, 'image/png');
  assert.equal(out.width, 2000);
  assert.match(out.svgHead, /^<svg/);
  assert.ok(out.rows >= 2 && out.hasPaid, 'the town table and the payout summary are in the SVG');
  noErrors(page);
  await page.close();
});

test('forecast mode: example bulletin → probabilities and payout distribution, deterministic per seed, cancel', async () => {
  const page = await env.open('/www/briefing.html', FULL_HD);
  await page.evaluate(() => document.querySelector('zs-risk-map').setAttribute('view', 'forecast'));
  await page.waitForFunction(() => document.querySelector('zs-risk-map').views.get('forecast'), null, { timeout: 30000 });
  const run = async (members, seed) => {
    await inWidget(page, (w, r, [m, s]) => {
      r.querySelector('.fc-members').value = String(m);
      r.querySelector('.fc-seed').value = String(s);
      r.querySelector('button.fc-run').click();
    }, [members, seed]);
    await page.waitForFunction(() => { const v = document.querySelector('zs-risk-map').views.get('forecast'); return !v.running && v.result; }, null, { timeout: 60000 });
    return inWidget(page, (w) => JSON.stringify(w.views.get('forecast').result));
  };
  const r1 = await run(60, 7);
  const res = JSON.parse(r1);
  assert.equal(res.members, 60);
  assert.equal(res.districts.length, 23);
  for (const d of res.districts) {
    assert.ok(d.p_level_ge['8'] >= d.p_level_ge['10'] && d.p_level_ge['10'] >= d.p_level_ge['12']);
    assert.ok(d.p_signal.white >= d.p_signal.red);
  }
  const shown = await inWidget(page, (w, r) => ({ rows: r.querySelectorAll('table.fc-levels tbody tr').length, sig: r.querySelectorAll('table.fc-signals tbody tr').length,
    pay: r.querySelector('.fc-payout').textContent, hist: r.querySelectorAll('.fc-payout .hist .bar').length }));
  assert.equal(shown.rows, 23);
  assert.equal(shown.sig, 23);
  assert.match(shown.pay, /发生赔付的概率\d+%期望赔付[\d,.]+(元|万元|亿元)/);
  assert.ok(shown.hist >= 2);
  // The map's inset follows the chosen probability (a level or a signal); the pixels change.
  const pix = await inWidget(page, (w, r) => {
    const c = r.querySelector('.view-forecast canvas.regional');
    const before = c.toDataURL();
    const s = r.querySelector('select.fc-inset');
    s.value = 'orange';
    s.dispatchEvent(new Event('change'));
    return before !== c.toDataURL();
  });
  assert.ok(pix, 'inset repainted for P(≥ Orange)');
  await frames(page);
  await page.screenshot({ path: join(SHOTS, 'briefing-forecast.png') });
  // Same seed, same result; another seed differs.
  assert.equal(await run(60, 7), r1);
  assert.notEqual(await run(60, 8), r1);
  // The run is in the shared state; cancel stops a run and keeps the last result.
  assert.deepEqual(await inWidget(page, (w) => w.scenario.forecast), { bulletin: null, members: 60, seed: 8, run: true });
  await inWidget(page, (w, r) => { r.querySelector('.fc-members').value = '500'; r.querySelector('button.fc-run').click(); r.querySelector('button.fc-cancel').click(); });
  assert.equal(await inWidget(page, (w) => w.views.get('forecast').running), false);
  assert.equal(await inWidget(page, (w) => w.views.get('forecast').result.seed), 8);
  // A bad bulletin: a field error in the form, nothing lost.
  await inWidget(page, (w, r) => { r.querySelector('textarea.bulletin').value = '{"name_zh":"x","issued":"2023-09-01T06:00Z","points":[{"lead_h":0,"lat":99,"lon":115,"wind_ms":40},{"lead_h":12,"lat":22,"lon":114,"wind_ms":40}]}'; r.querySelector('button.fc-run').click(); });
  const err = await inWidget(page, (w, r) => r.querySelector('.view-forecast .err').textContent);
  assert.match(err, /纬度|lat/);
  assert.equal(await inWidget(page, (w) => w.views.get('forecast').result.seed), 8);
  // The binding checks members and seed before anything runs.
  const codes = await page.evaluate(async () => {
    const m = await document.querySelector('zs-risk-map').module();
    const text = m.ForecastEnsemble.exampleBulletinJson();
    const code = (f) => { try { f(); return 'ok'; } catch (e) { return `${e.code} ${e.field}`; } };
    return [code(() => new m.ForecastEnsemble(text, 0, 1, null)), code(() => new m.ForecastEnsemble(text, 1e6, 1, null)),
      code(() => new m.ForecastEnsemble(text, 2.5, 1, null)), code(() => new m.ForecastEnsemble(text, 10, -1, null)),
      code(() => new m.ForecastEnsemble(text, 10, NaN, null)), code(() => new m.ForecastEnsemble('{', 10, 1, null))];
  });
  assert.deepEqual(codes, ['OUT_OF_RANGE members', 'TOO_LARGE members', 'OUT_OF_RANGE members', 'OUT_OF_RANGE seed', 'OUT_OF_RANGE seed', 'NOT_JSON undefined']);
  // el.scenario rejects bad text and unknown fields by name.
  const bad = await inWidget(page, (w) => ['{', JSON.stringify({ wat: 1 }), JSON.stringify({ forecast: { members: 0 } }), 'x'.repeat(300 * 1024), JSON.stringify({ view: 'nope' })]
    .map((t) => { try { w.scenario = t; return 'ok'; } catch (e) { return `${e.code} ${e.field}`; } }));
  assert.deepEqual(bad, ['NOT_JSON scenario', 'INVALID_INPUT scenario.wat', 'OUT_OF_RANGE scenario.forecast.members', 'TOO_LARGE scenario', 'INVALID_INPUT scenario.view']);
  noErrors(page);
  await page.close();
});

test('el.scenario before briefing.js loads: readable, a bad one throws synchronously, a good one gives the same picture', async () => {
  const loaded = (page) => page.evaluate(() => performance.getEntriesByType('resource').some((e) => /\/views\/briefing\.js$/.test(e.name)));
  const page = await env.open('/www/index.html', FULL_HD);
  await page.evaluate(() => document.querySelector('zs-risk-map').ready);
  assert.equal(await loaded(page), false, 'a map visit does not load briefing.js');
  // Read: every field, from the element's own state.
  const s0 = await page.evaluate(() => document.querySelector('zs-risk-map').scenario);
  assert.deepEqual(Object.keys(s0), ['version', 'view', 'layer', 'storm', 'custom_track', 'model', 'wind_layer', 'what_if', 'step', 'colour_by', 'heat', 'map', 'region', 'policy', 'forecast', 'present']);
  assert.equal(s0.view, 'map');
  assert.equal(s0.layer, await page.evaluate(() => document.querySelector('zs-risk-map').getAttribute('layer') || 'surge'));
  assert.equal(s0.what_if.dp_hpa, 0);
  // Bad assignments throw at once, with code, field and both messages; nothing loads or changes.
  const errs = await page.evaluate(() => {
    const w = document.querySelector('zs-risk-map');
    return [{ what_if: { dp_hpa: 999 } }, '{not json', { nope: 1 }, { model: 'H99' }, { step: 1.5 }, { region: { lon: 10, lat: 22, zoom: 1 } }].map((v) => {
      try { w.scenario = v; return null; } catch (e) { return [e.name, e.code, e.field, typeof e.messageZh === 'string' && e.messageZh.length > 0, typeof e.messageEn === 'string' && e.messageEn.length > 0]; }
    });
  });
  assert.deepEqual(errs, [
    ['RiskMapError', 'OUT_OF_RANGE', 'scenario.what_if.dp_hpa', true, true],
    ['RiskMapError', 'NOT_JSON', 'scenario', true, true],
    ['RiskMapError', 'INVALID_INPUT', 'scenario.nope', true, true],
    ['RiskMapError', 'INVALID_INPUT', 'scenario.model', true, true],
    ['RiskMapError', 'OUT_OF_RANGE', 'scenario.step', true, true],
    ['RiskMapError', 'OUT_OF_RANGE', 'scenario.region.lon', true, true],
  ]);
  assert.equal(await loaded(page), false, 'a rejected scenario loads nothing');
  assert.deepEqual(await page.evaluate(() => document.querySelector('zs-risk-map').scenario), s0, 'nothing changed');
  // A good one: readable at once, applied when the views arrive.
  const want = { view: 'typhoon', storm: 'mangkhut', model: 'H1980', what_if: { shift_east_km: 50, dp_hpa: -10 }, step: 20, map: 'region' };
  const early = await page.evaluate((v) => { const w = document.querySelector('zs-risk-map'); w.scenario = v; return w.scenario; }, want);
  assert.equal(early.storm, 'mangkhut');
  assert.equal(early.what_if.shift_east_km, 50);
  assert.equal(early.view, 'typhoon');
  await page.waitForFunction(() => document.querySelector('zs-risk-map').views.get('typhoon'), null, { timeout: 30000 });
  await frames(page);
  await frames(page);
  const a = await inWidget(page, (w, r) => ({ json: JSON.stringify(w.scenario), pix: r.querySelector('section.view-typhoon canvas.regional').toDataURL(),
    storm: r.querySelector('section.view-typhoon select.storm').value }));
  assert.equal(JSON.parse(a.json).what_if.dp_hpa, -10);
  assert.equal(JSON.parse(a.json).step, 20);
  assert.equal(a.storm, 'mangkhut');
  await page.screenshot({ path: join(SHOTS, 'briefing-scenario-early.png') });
  noErrors(page);
  await page.close();
  // The same scenario set after the views loaded draws the same picture.
  const page2 = await env.open('/www/index.html', FULL_HD);
  await page2.evaluate(() => document.querySelector('zs-risk-map').ready);
  await page2.evaluate(() => document.querySelector('zs-risk-map').setAttribute('view', 'typhoon'));
  await page2.waitForFunction(() => document.querySelector('zs-risk-map').views.get('typhoon'), null, { timeout: 30000 });
  await page2.evaluate((v) => { document.querySelector('zs-risk-map').scenario = v; }, want);
  await frames(page2);
  await frames(page2);
  const b = await inWidget(page2, (w, r) => ({ json: JSON.stringify(w.scenario), pix: r.querySelector('section.view-typhoon canvas.regional').toDataURL() }));
  assert.equal(b.json, a.json);
  assert.ok(a.pix === b.pix, 'set before load and set after load draw the identical regional map');
  noErrors(page2);
  await page2.close();
});
