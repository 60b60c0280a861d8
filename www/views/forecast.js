// 预报模式 view (issue 11 §5): enter a forecast bulletin, run the ensemble in chunks (progress,
// cancel), show per-town probabilities of ≥ 8/10/12 级 and of each implied signal (table and
// regional map), and the index-insurance payout distribution with a histogram.
// docs/briefing.md §1 and §7.
import { viewRegistry } from '../zs-risk-map.js';
import { formatCny } from '../i18n.js';
import { adoptStyles, describeFigure } from './common.js';
import { h, tableData, VIEW_STYLE } from './view-kit.js';
import '../i18n-views.js'; // the view strings (split from i18n.js)
import { BRIEF_STYLE, regionalControls, shared, signalRulesBox, updateShared } from './briefing.js';

const STYLE = /* css */ `
.view-forecast .fc-form textarea { min-height: 220px; }
.view-forecast .progress { display: flex; gap: 8px; align-items: center; margin: 6px 0; }
.view-forecast progress { flex: 1; height: 14px; }
.view-forecast .hist { display: grid; grid-template-columns: minmax(140px, auto) 1fr 3em; gap: 2px 8px; align-items: center; font-size: .9em; }
.view-forecast .hist .bar { height: 14px; background: #1565c0; min-width: 1px; }
.view-forecast .hist .bar.zero { background: #8a95a5; }
.view-forecast .pcell { font-variant-numeric: tabular-nums; text-align: right; }
.view-forecast .p-hi { background: #fde0dc; } .view-forecast .p-mid { background: #fff3cd; }
.view-forecast .block { padding: 6px 10px; border-top: 1px solid var(--border); }
.view-forecast .block h3 { font-size: 1em; margin: 4px 0; }
.view-forecast .err { color: #b71c1c; white-space: pre-wrap; }
`;

/** Members per animation frame: ≈ 10–20 ms each in Chromium, so the page stays responsive. */
const CHUNK = 25;

viewRegistry.set('forecast', async (el, section) => {
  const wasm = el.engines; // the engines bundle (loaded by the element before this factory runs)
  const T = (k) => el.t(k);
  const B = (k) => el.t('briefing.' + k);
  const rcanvas = h('canvas', { role: 'img', tabindex: '0', class: 'regional' });
  const stage = h('div', { class: 'stage' }, rcanvas);
  const status = h('div', { class: 'state fc-status', 'aria-live': 'polite' });
  const levelTable = h('table', { class: 'data fc-levels' });
  const sigTable = h('table', { class: 'data fc-signals' });
  const payBox = h('div', { class: 'fc-payout' });
  const left = h('div', { class: 'left' }, stage,
    h('div', { class: 'block' }, status, payBox),
    h('div', { class: 'block' }, levelTable),
    h('div', { class: 'block' }, sigTable));
  const aside = h('aside', { class: 'panel' });
  section.append(h('div', { class: 'scen' }, left, aside));
  adoptStyles(section, VIEW_STYLE + STYLE);
  adoptStyles(section, BRIEF_STYLE);
  let dead = false;

  const sh = shared(el);
  const rm = new wasm.RegionalMap();
  const text = h('textarea', { class: 'bulletin', spellcheck: 'false' });
  text.value = sh.forecast.bulletin ?? wasm.ForecastEnsemble.exampleBulletinJson();
  const exampleBtn = h('button', { type: 'button', class: 'fc-example' });
  const members = h('input', { type: 'number', min: '1', max: '500', step: '1', class: 'fc-members', value: String(sh.forecast.members) });
  const seed = h('input', { type: 'number', min: '0', step: '1', class: 'fc-seed', value: String(sh.forecast.seed) });
  const runBtn = h('button', { type: 'button', class: 'fc-run' });
  const cancelBtn = h('button', { type: 'button', class: 'fc-cancel', disabled: true });
  const bar = h('progress', { max: '1', value: '0' });
  const errBox = h('div', { class: 'err', role: 'alert' });
  // Which probability the map's town inset shows (levels and signals, as in the tables).
  const insetSel = h('select', { class: 'fc-inset' });
  const INSETS = ['ge8', 'ge10', 'ge12', 'blue', 'yellow', 'orange', 'red'];
  insetSel.addEventListener('change', () => { el._guard(() => rm.setForecastInset(insetSel.value)); draw(); });
  const note = h('div', { class: 'note' });
  const rules = h('div');

  let ens = null; // the ForecastEnsemble on the map (last good)
  let job = null; // {ens, raf, t0} while running
  let result = null;
  let lastMs = null;

  function labels() {
    aside.replaceChildren(
      h('fieldset', { class: 'fc-form' }, h('legend', { text: B('fcTitle') }),
        h('div', { class: 'note', text: B('fcHelp') }), text, exampleBtn,
        h('label', { class: 'row' }, h('span', { text: B('fcMembers') }), members, h('span')),
        h('label', { class: 'row' }, h('span', { text: B('fcSeed') }), seed, h('span')),
        h('div', { class: 'progress' }, runBtn, cancelBtn), bar, errBox,
        h('label', { class: 'row' }, h('span', { text: B('fcInset') }), insetSel, h('span'))),
      rules, note);
    text.setAttribute('aria-label', B('fcTitle'));
    exampleBtn.textContent = B('fcExample');
    const keep = insetSel.value || 'ge10';
    insetSel.replaceChildren(...INSETS.map((k) => h('option', { value: k, text: B('fcIn_' + k) })));
    insetSel.value = keep;
    runBtn.textContent = B('fcRun');
    cancelBtn.textContent = B('fcCancel');
    rules.replaceChildren(signalRulesBox(T));
    describeFigure(rcanvas, B('altForecast'), levelTable);
    note.textContent = `${B('fcWindNote')} ${result ? B('fcCite') + result.citation : ''}`;
  }

  exampleBtn.addEventListener('click', () => { text.value = wasm.ForecastEnsemble.exampleBulletinJson(); });
  runBtn.addEventListener('click', () => start());
  cancelBtn.addEventListener('click', () => cancel(true));

  /** Starts a run: validates everything first (field errors shown, the last result kept). */
  function start() {
    cancel(false);
    errBox.textContent = '';
    let next;
    try {
      next = el._guard(() => new wasm.ForecastEnsemble(text.value, Number(members.value), Number(seed.value), shared(el).policy ? JSON.stringify(shared(el).policy) : null));
    } catch (e) {
      errBox.textContent = el.lang === 'en' ? (e.messageEn ?? e.message) : (e.messageZh ?? e.message);
      return false;
    }
    const isExample = text.value.trim() === wasm.ForecastEnsemble.exampleBulletinJson().trim();
    updateShared(el, { forecast: { bulletin: isExample ? null : text.value, members: Number(members.value), seed: Number(seed.value), run: true } });
    job = { ens: next, raf: 0, t0: performance.now() };
    runBtn.disabled = true;
    cancelBtn.disabled = false;
    const tick = () => {
      if (dead || !job || job.ens !== next) return;
      let p;
      try { p = el._guard(() => next.step(CHUNK)); } catch (e) { errBox.textContent = String(e.message); cancel(false); return; }
      bar.value = p.done / p.total;
      status.textContent = B('fcProgress').replace('{done}', p.done).replace('{total}', p.total);
      if (next.isDone()) { finish(next); return; }
      job.raf = requestAnimationFrame(tick);
    };
    job.raf = requestAnimationFrame(tick);
    return true;
  }

  function finish(next) {
    lastMs = performance.now() - job.t0;
    job = null;
    runBtn.disabled = false;
    cancelBtn.disabled = true;
    try { ens?.free(); } catch (_) { /* poisoned */ }
    ens = next;
    result = el._guard(() => ens.result());
    status.textContent = B('fcDone').replace('{n}', result.members).replace('{ms}', lastMs.toFixed(0));
    status.dataset.ms = String(lastMs);
    render();
    el._emit('simulated', { view: 'forecast', members: result.members, seed: result.seed, p_any: result.payout.p_any, ms: lastMs });
  }

  function cancel(show) {
    if (!job) return;
    cancelAnimationFrame(job.raf);
    try { job.ens.free(); } catch (_) { /* poisoned */ }
    job = null;
    runBtn.disabled = false;
    cancelBtn.disabled = true;
    bar.value = 0;
    if (show) status.textContent = B('fcCancelled');
  }

  const pct = (p) => `${(p * 100).toFixed(0)}%`;
  const pcls = (p) => (p >= 0.5 ? 'pcell p-hi' : p >= 0.2 ? 'pcell p-mid' : 'pcell');

  function render() {
    draw();
    note.textContent = `${B('fcWindNote')} ${result ? B('fcCite') + result.citation : ''}`;
    if (!result) { status.textContent ||= B('fcNotRun'); return; }
    const en = el.lang === 'en';
    const name = (d) => (en ? d.name_en : d.name_zh);
    levelTable.replaceChildren(
      h('caption', { text: B('fcLevelTitle') }),
      h('thead', {}, h('tr', {}, ...[B('fcTown'), B('fcP8'), B('fcP10'), B('fcP12'), B('fcWind50'), B('fcWind90')].map((x) => h('th', { scope: 'col', text: x })))),
      h('tbody', {}, ...result.districts.map((d) => h('tr', { 'data-code': d.code },
        h('td', { text: name(d) }),
        ...['8', '10', '12'].map((k) => h('td', { class: pcls(d.p_level_ge[k]), text: pct(d.p_level_ge[k]) })),
        h('td', { class: 'num', text: d.wind_2min_p50_ms.toFixed(1) }), h('td', { class: 'num', text: d.wind_2min_p90_ms.toFixed(1) })))));
    const SIG = [['white', '白色', 'White'], ['blue', '蓝色', 'Blue'], ['yellow', '黄色', 'Yellow'], ['orange', '橙色', 'Orange'], ['red', '红色', 'Red']];
    sigTable.replaceChildren(
      h('caption', { text: B('fcSigTitle') }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: B('fcTown') }), ...SIG.map(([, zh, enName]) => h('th', { scope: 'col', text: en ? `P(≥ ${enName})` : `P(≥${zh})` })))),
      h('tbody', {}, ...result.districts.map((d) => h('tr', { 'data-code': d.code }, h('td', { text: name(d) }),
        ...SIG.map(([k]) => h('td', { class: pcls(d.p_signal[k]), text: pct(d.p_signal[k]) }))))));
    const p = result.payout;
    const money = (x) => formatCny(x, el.lang);
    const max = Math.max(1, ...p.histogram.map((b) => b.count));
    payBox.replaceChildren(
      h('h3', { text: B('fcPayTitle') }),
      h('dl', { class: 'kv fc-pay' },
        ...[[B('fcPAny'), pct(p.p_any)], [B('fcMean'), money(p.mean_yuan)], [B('fcP10v'), money(p.p10_yuan)], [B('fcP50v'), money(p.p50_yuan)],
          [B('fcP90v'), money(p.p90_yuan)], [B('fcMin'), money(p.min_yuan)], [B('fcMax'), money(p.max_yuan)]].flatMap(([k, v]) => [h('dt', { text: k }), h('dd', { text: v })])),
      h('h3', { text: B('fcHistTitle') }),
      h('div', { class: 'hist', role: 'img', 'aria-label': B('fcHistTitle') }, ...p.histogram.flatMap((b, i) => {
        const zero = i === 0 && Number(b.hi_yuan) === 0;
        const bar = h('div', { class: zero ? 'bar zero' : 'bar' });
        bar.style.width = `${(100 * b.count) / max}%`; // CSSOM, CSP-clean
        return [h('span', { text: zero ? B('fcHistZero') : `${money(b.lo_yuan)} – ${money(b.hi_yuan)}` }), h('div', {}, bar), h('span', { class: 'num', text: String(b.count) })];
      })));
  }

  function draw() {
    if (dead || !ens) return;
    try {
      const dpr = controls.fit();
      rm.setLang(el.lang);
      rm.setHighContrast(el.hasAttribute('high-contrast')); // set by the briefing's switch (typhoon view)
      rm.setTypeScale(el.hasAttribute('presenting') ? wasm.RegionalMap.projectorTypeScale() : 1);
      const info = ens.bulletinInfo();
      rm.drawForecast(rcanvas, ens, dpr, `${info.name_zh}${info.name_en ? ' ' + info.name_en : ''} · ${B('fcMapTitle')}`);
    } catch (e) { el._showError(e); }
  }

  const controls = regionalControls(rcanvas, rm, () => draw(), (v) => updateShared(el, { region: { lon: v.lon, lat: v.lat, zoom: v.zoom } }));
  if (sh.region) rm.setView(sh.region.lon, sh.region.lat, sh.region.zoom);
  const ro = new ResizeObserver(() => { if (!section.hidden) draw(); });
  ro.observe(stage);
  labels();
  status.textContent = B('fcNotRun');
  if (sh.forecast.run) start();

  return {
    activate() { draw(); },
    deactivate() {},
    setLang() { labels(); render(); },
    destroy() { dead = true; cancel(false); ro.disconnect(); try { ens?.free(); rm.free(); } catch (_) { /* poisoned */ } },
    applyShared(s) {
      text.value = s.forecast.bulletin ?? wasm.ForecastEnsemble.exampleBulletinJson();
      members.value = String(s.forecast.members);
      seed.value = String(s.forecast.seed);
      if (s.region) rm.setView(s.region.lon, s.region.lat, s.region.zoom);
      if (s.forecast.run) start(); else draw();
    },
    /** The export sheet: forecast map, probabilities, payout distribution. */
    sheet() {
      const W = 1200, H = 900;
      const title = result ? `${B('tabForecast')} · ${result.name_zh} · ${result.members} / seed ${result.seed}` : B('tabForecast');
      return {
        name: 'forecast',
        title,
        subtitle: status.textContent,
        figures: ens ? [{ width: W, height: H, draw: (c, k) => rm.drawForecast(c, ens, k, title), svg: () => rm.svgForecast(ens, W, H, title) }] : [],
        fields: result ? [[B('fcPAny'), pct(result.payout.p_any)], [B('fcMean'), formatCny(result.payout.mean_yuan, el.lang)],
          [B('fcP50v'), formatCny(result.payout.p50_yuan, el.lang)], [B('fcP90v'), formatCny(result.payout.p90_yuan, el.lang)]] : [],
        tables: result ? [{ caption: B('fcLevelTitle'), ...tableData(levelTable) }, { caption: B('fcSigTitle'), ...tableData(sigTable) }] : [],
        notes: [note.textContent],
        source: 'Natural Earth (public domain); CMA verification (docs/briefing.md §1.2)',
        schematic: false,
      };
    },
    /** For tests and the benchmark. */
    get result() { return result; },
    get ms() { return lastMs; },
    run: start,
    get running() { return !!job; },
  };
});
