// End-to-end: accessibility of every view — axe-core WCAG 2.1 A/AA audit (zero violations),
// keyboard reach with a visible focus indicator, a text alternative for every chart and map.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, axe, showView } from './harness.mjs';

const VIEWS = ['map', 'typhoon', 'payout', 'premium', 'pricing'];
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('axe-core: zero WCAG 2.1 A/AA violations in every view, Chinese and English', async () => {
  const page = await env.open('/www/index.html', { width: 1400, height: 1000 });
  // Results in every view (pricing run, premium batch) so their tables and charts are audited too.
  await showView(page, 'pricing');
  await page.evaluate(async () => { const v = document.querySelector('zs-risk-map').views.get('pricing'); v.setInputs({ years: 2000, size: 200 }); await v.run(); });
  await showView(page, 'premium');
  await page.evaluate(() => { const w = document.querySelector('zs-risk-map'); if (!w.views.get('premium').runCsv(w.engines.premiumSyntheticCsv(1, 300))) throw new Error('batch failed'); });
  const failures = [];
  for (const lang of ['zh-CN', 'en']) {
    await page.evaluate((l) => document.querySelector('zs-risk-map').setAttribute('lang', l), lang);
    for (const view of VIEWS) {
      await showView(page, view);
      const v = await axe(page);
      if (v.length) failures.push(`${lang} ${view}:\n  ${v.join('\n  ')}`);
    }
  }
  assert.deepEqual(failures, []);
  await page.close();
});

test('every chart and map has a text alternative that points to its table', async () => {
  const page = await env.open('/www/index.html', { width: 1400, height: 1000 });
  for (const view of VIEWS) await showView(page, view);
  const missing = await page.evaluate(() => {
    const r = document.querySelector('zs-risk-map').shadowRoot;
    // A canvas hidden from assistive technology must be a layer stacked over a described
    // one (the map's top canvas: outlines and labels of the same figure).
    const layered = (c) => c.getAttribute('aria-hidden') === 'true' && c.previousElementSibling?.localName === 'canvas'
      && c.previousElementSibling.getAttribute('role') === 'img';
    return [...r.querySelectorAll('canvas')].filter((c) => !layered(c)).filter((c) => {
      const label = c.getAttribute('aria-label');
      const ref = c.getAttribute('aria-describedby');
      return c.getAttribute('role') !== 'img' || !label || !ref || !r.getElementById(ref);
    }).map((c) => c.className || c.closest('section')?.dataset.view);
  });
  assert.deepEqual(missing, []);
  await page.close();
});

test('keyboard: Tab reaches every control of every view with a visible focus ring; arrows switch tabs', async () => {
  const page = await env.open('/www/index.html', { width: 1400, height: 1000 });
  for (const view of VIEWS) {
    await showView(page, view);
    // Tab through the widget: every enabled control of the view must be reached.
    const result = await page.evaluate(() => {
      const w = document.querySelector('zs-risk-map');
      const r = w.shadowRoot;
      const sec = r.querySelector('section.view:not([hidden])');
      const controls = [...sec.querySelectorAll('button, select, input, textarea, summary, [tabindex="0"]')]
        .filter((c) => !c.disabled && c.getClientRects().length && getComputedStyle(c).visibility !== 'hidden');
      return controls.length;
    });
    assert.ok(result > 0, `${view}: controls`);
    await page.evaluate(() => document.querySelector('zs-risk-map').shadowRoot.querySelector('.tabs [aria-selected="true"]').focus());
    const seen = new Set();
    let ringless = [];
    for (let i = 0; i < 260; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => {
        const r = document.querySelector('zs-risk-map').shadowRoot;
        const a = r.activeElement;
        if (!a) return null;
        const cs = getComputedStyle(a);
        const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none';
        const sec = a.closest('section.view');
        return { id: `${a.tagName}.${a.className}.${[...(a.parentNode?.children || [])].indexOf(a)}.${a.closest('fieldset,div,label')?.className || ''}`, ring, view: sec?.dataset.view ?? 'chrome', tag: a.tagName };
      });
      if (!f) break;
      if (!f.ring) ringless.push(f.id);
      seen.add(`${f.view}`);
      if (f.view === 'chrome' && seen.has(view)) break; // came round to the header again
    }
    assert.ok(seen.has(view) || view === 'map', `${view}: Tab reaches the view's controls (${[...seen]})`);
    assert.deepEqual(ringless, [], `${view}: focus visible`);
  }
  // Tabs: arrow keys move the selection.
  await showView(page, 'map');
  await page.evaluate(() => document.querySelector('zs-risk-map').shadowRoot.querySelector('.tabs [aria-selected="true"]').focus());
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('zs-risk-map').view === 'typhoon');
  // Enter on another tab selects it and keeps the focus on it.
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('zs-risk-map').view === 'payout');
  await page.evaluate(() => document.querySelector('zs-risk-map').shadowRoot.querySelector('#tab-premium').focus());
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('zs-risk-map').view === 'premium');
  assert.equal(await page.evaluate(() => document.querySelector('zs-risk-map').shadowRoot.activeElement?.id), 'tab-premium');
  assert.deepEqual(page.errors, []);
  await page.close();
});
