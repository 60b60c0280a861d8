// End-to-end: every view on a 360 px phone (touch, dpr 2) — main content at least 300 px
// wide, no horizontal page scroll, tables scroll inside their own box, tap selects a town.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, buildPortal, cspViolations, showView, SHOTS } from './harness.mjs';

const VIEWS = ['map', 'typhoon', 'payout', 'premium', 'pricing'];
let env;
let portal;
before(async () => { portal = buildPortal(); env = await setup(); });
after(async () => { await env?.close(); });

test('360 px phone: every view stacks, fits and scrolls inside the widget', async () => {
  const page = await env.open(`${portal.base}/index.html`, { width: 360, height: 740, dpr: 2, touch: true });
  for (const [lang, view] of ['zh-CN', 'en'].flatMap((l) => VIEWS.map((v) => [l, v]))) {
    await page.evaluate((l) => document.querySelector('zs-risk-map').setAttribute('lang', l), lang);
    await showView(page, view);
    await page.waitForTimeout(150);
    const m = await page.evaluate((v) => {
      const w = document.querySelector('zs-risk-map');
      const r = w.shadowRoot;
      const sec = r.querySelector(`section.view[data-view="${v}"]`);
      const main = v === 'map' ? sec.querySelector('.stage') : sec.querySelector('.left');
      const aside = sec.querySelector('aside');
      const mr = main.getBoundingClientRect();
      const ar = aside.getBoundingClientRect();
      const wide = [...sec.querySelectorAll('table')].filter((t) => t.getClientRects().length)
        .map((t) => { const box = t.parentElement; return { tw: t.scrollWidth, bw: box.clientWidth, scrolls: getComputedStyle(box).overflowX }; });
      return {
        pageScrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth,
        mainWidth: mr.width, mainRight: mr.right, asideRight: ar.right, mainHeight: mr.height, asideTop: ar.top, mainBottom: mr.bottom, asideWidth: ar.width,
        canvasW: sec.querySelector('canvas').clientWidth,
        tables: wide,
      };
    }, view);
    assert.ok(m.pageScrollWidth <= m.innerWidth, `${lang} ${view}: horizontal page scroll ${m.pageScrollWidth} > ${m.innerWidth}`);
    assert.ok(m.mainWidth >= 300, `${lang} ${view}: main content ${m.mainWidth}px wide`);
    assert.ok(m.mainRight <= m.innerWidth && m.asideRight <= m.innerWidth, `${lang} ${view}: content fits the screen (${m.mainRight}, ${m.asideRight})`);
    assert.ok(m.canvasW >= 300 || view === 'pricing', `${lang} ${view}: canvas ${m.canvasW}px wide`);
    assert.ok(m.asideTop >= m.mainBottom - 1 || view === 'pricing', `${lang} ${view}: the panel is stacked below the main column`);
    assert.ok(m.asideWidth >= 300, `${lang} ${view}: panel ${m.asideWidth}px wide`);
    for (const t of m.tables) {
      if (t.tw > t.bw + 1) assert.ok(['auto', 'scroll'].includes(t.scrolls), `${lang} ${view}: a wide table scrolls inside its box (${JSON.stringify(t)})`);
    }
    await page.screenshot({ path: join(SHOTS, `portal-phone-360-${view}${lang === 'en' ? '-en' : ''}.png`) });
  }
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('touch: a tap on the map selects the town and shows its values', async () => {
  const page = await env.open(`${portal.base}/index.html`, { width: 360, height: 740, dpr: 2, touch: true });
  const pos = await page.evaluate(() => {
    const w = document.querySelector('zs-risk-map');
    const row = w.districts.find((d) => d.code === '442000107');
    const [x, y] = w.map.toCss(row.seat_lon, row.seat_lat);
    const rect = w.shadowRoot.querySelector('.view-map canvas').getBoundingClientRect();
    return [rect.left + x, rect.top + y];
  });
  await page.touchscreen.tap(pos[0], pos[1]);
  await page.waitForFunction(() => document.querySelector('zs-risk-map').selected === '442000107');
  const tip = await page.evaluate(() => { const t = document.querySelector('zs-risk-map').shadowRoot.querySelector('.view-map .tooltip'); return t.hidden ? '' : t.textContent; });
  assert.match(tip, /坦洲镇/);
  await page.screenshot({ path: join(SHOTS, 'portal-phone-360-tap.png') });
  assert.deepEqual(page.errors, []);
  await page.close();
});
