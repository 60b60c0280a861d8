// End-to-end: the PACKAGED folder (scripts/package.sh) in a portal page with a strict
// Content-Security-Policy, the portal's own global CSS and a dark header (issue 12).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, buildPortal, cspViolations, showView, SHOTS } from './harness.mjs';

const VIEWS = ['map', 'typhoon', 'payout', 'premium', 'pricing'];
let env;
let portal;
before(async () => { portal = buildPortal(); env = await setup(); });
after(async () => { await env?.close(); });

/** Sizes that would reveal a resize feedback loop or an unstyled widget. */
const layout = (page) => page.evaluate(() => {
  const w = document.querySelector('zs-risk-map');
  const r = w.shadowRoot;
  const canvases = [...r.querySelectorAll('section.view:not([hidden]) canvas')].filter((c) => c.getClientRects().length)
    .map((c) => ({ w: c.width, h: c.height, cw: c.clientWidth, ch: c.clientHeight }));
  return {
    pageHeight: document.scrollingElement.scrollHeight,
    pageWidth: document.scrollingElement.scrollWidth,
    host: w.getBoundingClientRect().height,
    rootFont: getComputedStyle(r.querySelector('.root')).fontSize,
    titleColor: getComputedStyle(r.querySelector('h2')).color,
    headerBg: getComputedStyle(r.querySelector('header')).backgroundColor,
    display: getComputedStyle(r.querySelector('.body')).display,
    canvases,
  };
});

test('packaged widget under the strict CSP: every view styled, no violation, no resize loop, at dpr 1 and 2', async () => {
  for (const dpr of [1, 2]) {
    const page = await env.open(`${portal.base}/index.html`, { dpr, width: 1280, height: 1000 });
    assert.equal(await page.evaluate(() => document.querySelector('zs-risk-map').state), 'ready');
    for (const view of VIEWS) {
      await showView(page, view);
      await page.waitForTimeout(150);
      const l = await layout(page);
      // Styled: the adopted stylesheet applies (flex layout, own type scale, own colours).
      assert.equal(l.display, 'flex', `${view}: widget stylesheet applied`);
      assert.equal(l.rootFont, '16px', `${view}: the host's * { font-size: 12px } must not reach the widget`);
      assert.equal(l.titleColor, 'rgb(26, 35, 51)', `${view}: title keeps its colour on a dark portal`);
      // No feedback loop: the page keeps its height; every canvas backing store = CSS size × dpr.
      assert.ok(l.pageHeight < 2000, `${view}: page height ${l.pageHeight}`);
      assert.ok(Math.abs(l.host - 860) < 1, `${view}: host height ${l.host}`);
      // (The pricing view shows its charts after a run.)
      assert.ok(l.canvases.length >= 1 || view === 'pricing', `${view}: a visible canvas`);
      for (const c of l.canvases) {
        assert.ok(c.cw > 200 && c.ch > 150, `${view}: canvas CSS size ${JSON.stringify(c)}`);
        assert.ok(Math.abs(c.w - c.cw * dpr) <= 2 && Math.abs(c.h - c.ch * dpr) <= 2, `${view}: backing store ${JSON.stringify(c)}`);
      }
      await page.screenshot({ path: join(SHOTS, `portal-csp-${view}-dpr${dpr}.png`) });
    }
    // Let a couple of frames pass: a resize loop would grow the page now.
    await page.waitForTimeout(400);
    assert.ok((await layout(page)).pageHeight < 2000);
    assert.deepEqual(await cspViolations(page), [], 'CSP violations');
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

test('exports of every view are Blobs of the current view, under the CSP', async () => {
  const page = await env.open(`${portal.base}/index.html`, { width: 1280, height: 1000 });
  // A pricing result to export (small run).
  await showView(page, 'pricing');
  await page.evaluate(async () => {
    const v = document.querySelector('zs-risk-map').views.get('pricing');
    v.setInputs({ years: 2000, size: 200 });
    if (!(await v.run())) throw new Error('pricing run failed');
  });
  const titles = { map: /风暴潮/, typhoon: /台风情景/, payout: /巨灾指数保险赔付/, premium: /安责险报价单/, pricing: /风险定价/ };
  for (const view of VIEWS) {
    await showView(page, view);
    const r = await page.evaluate(async () => {
      const w = document.querySelector('zs-risk-map');
      const png = await w.exportPng({ scale: 1.5 });
      const csvBlob = await w.exportCsv();
      const bom = [...new Uint8Array(await csvBlob.slice(0, 3).arrayBuffer())];
      const svg = await w.exportSvg();
      const csv = await w.exportCsv();
      const bmp = await createImageBitmap(png);
      const svgText = await svg.text();
      const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
      return {
        png: [png.type, png.size, bmp.width, bmp.height], svgType: svg.type, csvType: csv.type,
        svgOk: !doc.querySelector('parsererror') && doc.documentElement.nodeName === 'svg',
        svgTitle: doc.querySelector('title')?.textContent ?? '',
        svgText: doc.documentElement.textContent,
        csv: await csv.text(),
        bom,
      };
    });
    assert.equal(r.png[0], 'image/png');
    assert.equal(r.png[2], 1500, `${view}: PNG width = 1000 CSS px × scale`);
    assert.ok(r.png[3] > 400 && r.png[1] > 20000, `${view}: PNG ${r.png}`);
    assert.equal(r.svgType, 'image/svg+xml');
    assert.ok(r.svgOk, `${view}: SVG is well-formed XML`);
    assert.match(r.svgTitle, titles[view], `${view}: SVG title ${r.svgTitle}`);
    assert.match(r.svgText, /来源|生成于/, `${view}: source / date line in the SVG`);
    if (view !== 'premium' && view !== 'pricing') assert.match(r.svgText, /示意图/, `${view}: 示意图 note in the SVG`);
    assert.equal(r.csvType, 'text/csv;charset=utf-8');
    assert.deepEqual(r.bom, [0xef, 0xbb, 0xbf], `${view}: CSV starts with the UTF-8 BOM`);
    assert.ok(r.csv.split('\n').length > 5, `${view}: CSV rows`);
    assert.match(r.csv, /生成于/, `${view}: CSV footer`);
  }
  // Distinct content per view (not the risk map every time).
  const sizes = await page.evaluate(async () => {
    const w = document.querySelector('zs-risk-map');
    const out = {};
    for (const v of ['map', 'premium']) { w.setAttribute('view', v); await new Promise((r) => setTimeout(r, 50)); out[v] = (await (await w.exportCsv()).text()).slice(0, 80); }
    return out;
  });
  assert.notEqual(sizes.map, sizes.premium);
  assert.deepEqual(await cspViolations(page), [], 'CSP violations');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('premium quote sheet 报价单 prints on one A4 page with inputs, every step, rule set and status, date', async () => {
  const page = await env.open(`${portal.base}/index.html`, { width: 1280, height: 1000 });
  await showView(page, 'premium');
  const { html, steps } = await page.evaluate(async () => {
    const w = document.querySelector('zs-risk-map');
    const blob = await w.exportHtml();
    return { html: await blob.text(), steps: w.shadowRoot.querySelectorAll('.steps tbody tr').length };
  });
  assert.ok(steps >= 5, `waterfall steps on screen: ${steps}`);
  assert.match(html, /安责险报价单/);
  assert.match(html, /费率规则：中山（示例）|费率规则：/);
  assert.match(html, /示例/); // the rule set's status
  assert.match(html, /报价日期/);
  assert.match(html, /从业人员/);
  assert.match(html, /@page/);
  const rows = (html.match(/<tr>/g) || []).length;
  assert.ok(rows >= steps + 1, `every waterfall step in the sheet (${rows} rows for ${steps} steps)`);
  const sheet = await env.browser.newPage();
  await sheet.setContent(html);
  await sheet.emulateMedia({ media: 'print' });
  await sheet.screenshot({ path: join(SHOTS, 'portal-quote-sheet.png'), fullPage: true });
  const pdf = await sheet.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.equal(pages, 1, `the quote sheet prints on ${pages} page(s)`);
  await sheet.close();
  // print() from the widget: a hidden same-origin frame, no CSP violation.
  await page.evaluate(() => { window.print = () => {}; });
  const printed = await page.evaluate(async () => {
    const w = document.querySelector('zs-risk-map');
    let seen = null;
    const obs = new MutationObserver(() => {
      const f = document.querySelector('body > iframe');
      if (f && !seen) { seen = f.contentDocument.body.textContent; f.contentWindow.print = () => f.contentWindow.dispatchEvent(new Event('afterprint')); }
    });
    obs.observe(document.body, { childList: true });
    await w.print();
    obs.disconnect();
    return { seen, left: document.querySelectorAll('body > iframe').length };
  });
  assert.match(printed.seen || '', /安责险报价单/);
  assert.equal(printed.left, 0, 'the print frame is removed');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('two instances on one page work independently; events bubble out of the shadow root', async () => {
  const page = await env.open(`${portal.base}/two.html`, { width: 1280, height: 1000 });
  await page.waitForFunction(() => [...document.querySelectorAll('zs-risk-map')].every((w) => w.state === 'ready'));
  await page.waitForFunction(() => document.querySelector('#b').views.has('typhoon'));
  const r = await page.evaluate(async () => {
    const [a, b] = document.querySelectorAll('zs-risk-map');
    await a.setLayer('landslide');
    await a.selectDistrict('442000107');
    await b.selectDistrict(442000001).catch((e) => e.code);
    return {
      a: [a.getAttribute('layer'), a.shadowRoot.querySelector('.layer-select').value, a.lang],
      b: [b.getAttribute('layer'), b.lang, b.view],
      events: window.__events.filter((e) => e.type === 'layer-change' || e.type === 'district-select'),
      ready: window.__events.filter((e) => e.type === 'ready').map((e) => e.id).sort(),
    };
  });
  assert.deepEqual(r.a, ['landslide', 'landslide', 'zh-CN']);
  assert.deepEqual(r.b, ['waterlogging', 'en', 'typhoon']);
  assert.deepEqual(r.ready, ['a', 'b']);
  assert.deepEqual(r.events.filter((e) => e.type === 'layer-change'), [{ type: 'layer-change', id: 'a', composed: true, bubbles: true }], 'layer-change fires once');
  assert.ok(r.events.some((e) => e.type === 'district-select' && e.id === 'a'));
  await page.screenshot({ path: join(SHOTS, 'portal-two-instances.png'), fullPage: true });
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('projector (1920 px) and the dark-header portal look right', async () => {
  const page = await env.open(`${portal.base}/index.html`, { width: 1920, height: 1080 });
  await page.screenshot({ path: join(SHOTS, 'portal-projector-1920-map.png') });
  await showView(page, 'typhoon');
  await page.screenshot({ path: join(SHOTS, 'portal-projector-1920-typhoon.png') });
  const panel = await page.evaluate(() => document.querySelector('zs-risk-map').shadowRoot.querySelector('.view-typhoon aside').getBoundingClientRect().width);
  assert.ok(panel >= 340, `wide layout: side panel ${panel}px`);
  // A light portal header: the widget reads the same (its own surface and colours).
  await page.evaluate(() => document.body.classList.add('light'));
  const c = await page.evaluate(() => { const r = document.querySelector('zs-risk-map').shadowRoot; return [getComputedStyle(r.querySelector('h2')).color, getComputedStyle(r.querySelector('header')).backgroundColor]; });
  assert.deepEqual(c, ['rgb(26, 35, 51)', 'rgb(243, 246, 250)']);
  await page.screenshot({ path: join(SHOTS, 'portal-light-header-typhoon.png') });
  assert.deepEqual(page.errors, []);
  await page.close();
});
