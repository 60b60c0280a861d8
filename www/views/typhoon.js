// 台风情景 view: pick or edit a storm, play it hour by hour, see winds, levels and implied
// warning signals per town. Registers itself with the element.
import { viewRegistry } from '../zs-risk-map.js';
import { adoptStyles, describeFigure, fitCanvas } from './common.js';
import { h, tableData, VIEW_STYLE } from './view-kit.js';
import '../i18n-views.js'; // this view's strings (split from i18n.js)

const SLIDERS = [
  ['shift_east_km', 'typhoon.shiftE', -150, 150, 5, 0],
  ['shift_north_km', 'typhoon.shiftN', -150, 150, 5, 0],
  ['rotate_deg', 'typhoon.rotate', -60, 60, 5, 0],
  ['dp_hpa', 'typhoon.dp', -40, 40, 1, 0],
  ['rmw_factor', 'typhoon.rmw', 0.5, 2, 0.05, 1],
  ['speed_factor', 'typhoon.speed', 0.5, 2, 0.05, 1],
];

/** Shared scenario for the typhoon and payout views (created on first use: Hato). */
export function getScenario(el) {
  if (!el.scenario) {
    el.scenario = new el.engines.TyphoonScenario('hato', null, null);
    el.scenarioStorm = 'hato';
    if (el.map) el.scenario.useDistrictsOf(el._engineDistricts());
  }
  return el.scenario;
}

viewRegistry.set('typhoon', async (el, section) => {
  const wasm = el.engines; // the engines bundle (loaded by the element before this factory runs)
  const T = (k) => el.t(k);
  const canvas = h('canvas', { role: 'img', tabindex: '0' });
  const tip = h('div', { class: 'tooltip', hidden: true });
  const stage = h('div', { class: 'stage' }, canvas, tip);
  const slider = h('input', { type: 'range', min: '0', max: '0', step: '1', value: '0', 'aria-label': 'time step' });
  const playBtn = h('button', { type: 'button', class: 'play' });
  const timeLabel = h('span', { class: 'state' });
  const timebar = h('div', { class: 'timebar' }, playBtn, slider, timeLabel);
  const table = h('table', { class: 'data peaks' });
  const below = h('div', { class: 'below' }, table);
  const left = h('div', { class: 'left' }, stage, timebar, below);
  const aside = h('aside', { class: 'panel' });
  section.append(h('div', { class: 'scen' }, left, aside));
  adoptStyles(section, VIEW_STYLE); // constructable stylesheet: CSP-clean
  let dead = false; // set by destroy(): nothing may touch a freed handle after it

  const map = new wasm.RiskMap(canvas);
  map.setFrame(false, 0.2); // wider frame: the storm centre is visible near landfall
  const state = { step: null, heat: true, byNow: false, playing: false, timer: 0, transform: {}, options: {} };
  let lastGood = { transform: {}, options: {} };

  // ---- controls ----
  const stormSel = h('select', { class: 'storm' });
  for (const s of wasm.typhoonScenarios()) stormSel.append(h('option', { value: s.id, text: `${s.name_zh} ${s.name_en} (${s.cma_id})` }));
  const modelSel = h('select', { class: 'model' }, ...['H08', 'H1980', 'H10'].map((m) => h('option', { value: m, text: m })));
  const land = h('input', { type: 'checkbox', class: 'land' });
  const heat = h('input', { type: 'checkbox', class: 'heat', checked: true });
  const byNow = h('select', { class: 'colour-by' });
  const sliders = SLIDERS.map(([key, label, min, max, step, def]) => {
    const input = h('input', { type: 'range', min, max, step, value: def, 'data-key': key });
    const out = h('output', { text: String(def) });
    const lab = h('span');
    input.addEventListener('input', () => { out.textContent = input.value; scheduleUpdate(); });
    return { key, label, input, out, lab, def };
  });
  const resetBtn = h('button', { type: 'button', onclick: () => { for (const s of sliders) { s.input.value = s.def; s.out.textContent = String(s.def); } scheduleUpdate(); } });
  const custom = h('textarea', { class: 'custom-track', spellcheck: 'false' });
  const loadBtn = h('button', { type: 'button', class: 'load-track' });
  const stateBox = h('dl', { class: 'kv storm-state' });
  const legendBox = h('div', { class: 'legend-rows' });
  const notes = h('div', { class: 'note' });

  function labels() {
    const L = (k) => T('typhoon.' + k);
    aside.innerHTML = '';
    aside.append(
      h('fieldset', {}, h('legend', { text: L('storm') }),
        h('label', { class: 'row' }, h('span', { text: L('storm') }), stormSel, h('span')),
        h('label', { class: 'row' }, h('span', { text: L('model') }), modelSel, h('span')),
        h('label', {}, land, ' ', L('land')), h('br'),
        h('label', {}, heat, ' ', L('heat')), h('br'),
        h('label', { class: 'row' }, h('span', { text: L('colourBy') }), byNow, h('span'))),
      h('fieldset', {}, h('legend', { text: L('whatIf') }),
        ...sliders.map((s) => h('label', { class: 'row' }, h('span', { text: L(s.label.split('.')[1]) }), s.input, s.out)),
        resetBtn),
      h('fieldset', {}, h('legend', { text: L('centre') }), stateBox),
      h('fieldset', {}, h('legend', { text: T('legend') }), legendBox),
      h('details', {}, h('summary', { text: L('custom') }), custom, loadBtn),
      notes);
    byNow.innerHTML = '';
    byNow.append(h('option', { value: 'peak', text: L('byPeak') }), h('option', { value: 'now', text: L('byNow') }));
    byNow.value = state.byNow ? 'now' : 'peak';
    resetBtn.textContent = L('reset');
    loadBtn.textContent = L('loadCustom');
    playBtn.textContent = state.playing ? L('pause') : L('play');
    writeNotes();
    slider.setAttribute('aria-label', T('portal.timeStep'));
    custom.setAttribute('aria-label', T('portal.customTrack'));
    describeFigure(canvas, T('portal.altTyphoonMap'), table);
  }

  stormSel.addEventListener('change', () => replaceScenario(() => new wasm.TyphoonScenario(stormSel.value, null, JSON.stringify(state.options)), stormSel.value));
  modelSel.addEventListener('change', () => { state.options = { ...state.options, model: modelSel.value }; scheduleUpdate(); });
  // The checkbox switches to CLIMADA's own output (open-terrain reference) instead of the
  // surface wind by exposure (docs/wind.md §2).
  land.addEventListener('change', () => { state.options = { ...state.options, layer: land.checked ? 'reference' : 'surface' }; scheduleUpdate(); });
  heat.addEventListener('change', () => { state.heat = heat.checked; draw(); });
  byNow.addEventListener('change', () => { state.byNow = byNow.value === 'now'; draw(); });
  loadBtn.addEventListener('click', () => replaceScenario(() => new wasm.TyphoonScenario('custom', custom.value, JSON.stringify(state.options)), 'custom'));
  slider.addEventListener('input', () => { state.step = Number(slider.value); draw(); });
  playBtn.addEventListener('click', () => (state.playing ? stop() : play()));

  function replaceScenario(make, id) {
    let s;
    try { s = el._guard(make); } catch (_) { stormSel.value = el.scenarioStorm; return; }
    try { el.scenario?.free(); } catch (_) { /* poisoned */ }
    el.scenario = s;
    el.scenarioStorm = id;
    el.scenario.useDistrictsOf(el._engineDistricts());
    for (const sl of sliders) { sl.input.value = sl.def; sl.out.textContent = String(sl.def); }
    lastGood = { transform: {}, options: state.options };
    afterChange();
  }

  let pending = 0;
  function scheduleUpdate() {
    if (pending) return;
    pending = requestAnimationFrame(() => { pending = 0; update(); });
  }
  function update() {
    if (dead) return;
    const transform = {};
    for (const s of sliders) transform[s.key] = Number(s.input.value);
    try {
      el._guard(() => getScenario(el).update(JSON.stringify(transform), JSON.stringify(state.options)));
      lastGood = { transform, options: state.options };
    } catch (_) {
      state.options = lastGood.options;
      return;
    }
    afterChange();
  }

  function afterChange() {
    const sc = getScenario(el);
    slider.max = String(sc.steps() - 1);
    if (state.step == null || state.step > sc.steps() - 1) state.step = landfallStep(sc);
    slider.value = String(state.step);
    renderTable();
    draw();
    const peaks = sc.peaks();
    el._emit('simulated', { view: 'typhoon', storm: sc.name(el.lang), model: sc.options().model, transform: lastGood.transform, peaks });
  }

  function landfallStep(sc) {
    // Start at the hour when the storm is closest to the city centre (石岐).
    let best = 0, bestD = Infinity;
    for (let k = 0; k < sc.steps(); k++) {
      const s = sc.step(k);
      const d = Math.hypot(s.lat - 22.52, (s.lon - 113.38) * 0.92);
      if (d < bestD) { bestD = d; best = k; }
    }
    return best;
  }

  /** The notes name the wind shown (variable · exposure · model · RMW source). */
  function writeNotes() {
    const L = (k) => T('typhoon.' + k);
    const sc = getScenario(el);
    const label = sc ? sc.windLabel(el.lang === 'en' ? 'en' : 'zh') : '';
    notes.textContent = `${L('windShown')}: ${label}. ${L('heatNote')} ${L('cite')} ${L('modelNote')} ${L('signalNote')}`;
  }

  function draw() {
    if (dead) return;
    const sc = getScenario(el);
    writeNotes();
    const dpr = fitCanvas(canvas);
    try {
      map.setLang(el.lang);
      map.showTyphoon(sc, state.step, state.heat, state.byNow);
      map.render(dpr);
    } catch (e) { el._showError(e); return; }
    const s = sc.step(state.step ?? 0);
    const en = el.lang === 'en';
    timeLabel.textContent = `${T('typhoon.time')}: ${s.time_bjt} · ${en ? s.grade : s.grade_zh}`;
    stateBox.innerHTML = '';
    const kv = (k, v) => stateBox.append(h('dt', { text: k }), h('dd', { text: v }));
    kv(T('typhoon.centre'), `${s.lat.toFixed(2)}°N ${s.lon.toFixed(2)}°E`);
    kv(T('typhoon.pressure'), `${s.pc_hpa.toFixed(0)} hPa`);
    kv(T('typhoon.grade'), `${en ? s.grade : s.grade_zh} · ${s.wind_1min_ms.toFixed(1)} m/s (1-min)`);
    const rmwInfo = getScenario(el).rmwInfo();
    kv(T('typhoon.rmwNow'), `${s.rmw_km.toFixed(0)} km · ${en ? rmwInfo.label_en : rmwInfo.label_zh}`);
    kv(T('typhoon.radii'), `${s.r7_km.toFixed(0)} / ${s.r10_km.toFixed(0)} / ${s.r12_km.toFixed(0)} km`);
    const L = map.legend();
    legendBox.innerHTML = '';
    for (const r of L.rows) legendBox.append(h('span', {}, h('span', { class: 'sw', style: `background:${r.color}` }), `${en ? r.label_en : r.label_zh}`));
    // Current winds in the table.
    const now = new Map(s.districts.map((d) => [d.code, d]));
    for (const tr of table.querySelectorAll('tbody tr')) {
      const d = now.get(tr.dataset.code);
      tr.querySelector('.now').textContent = d ? `${d.wind_2min_ms.toFixed(1)} (${d.level})` : '';
    }
  }

  function renderTable() {
    const en = el.lang === 'en';
    const L = (k) => T('typhoon.' + k);
    table.innerHTML = '';
    table.append(h('thead', {}, h('tr', {}, ...[L('town'), L('exposure'), `${L('modelWind')} m/s`, `${L('wind2s')} m/s`, L('level'), `${L('gustS')} m/s`, L('when'), L('signal'), `${L('now')} m/s`].map((x) => h('th', { scope: 'col', text: x })))));
    const tb = h('tbody');
    for (const p of getScenario(el).peaks()) {
      tb.append(h('tr', { 'data-code': p.code },
        h('td', { text: en ? p.name_en : p.name_zh }),
        h('td', { text: en ? p.exposure : p.exposure_zh }),
        h('td', { class: 'num', text: p.peak_wind_ms.toFixed(1) }),
        h('td', { class: 'num', text: p.wind_2min_ms.toFixed(1) }),
        h('td', { class: 'num', text: en ? `force ${p.level}` : `${p.level}级` }),
        h('td', { class: 'num', text: `${p.gust_ms.toFixed(1)} (${p.gust_level})` }),
        h('td', { text: p.peak_time_bjt ?? '—' }),
        h('td', {}, h('span', { class: `sig sig-${p.signal}`, text: en ? p.signal : p.signal_zh })),
        h('td', { class: 'num now' })));
    }
    table.append(tb);
  }

  function play() {
    state.playing = true;
    playBtn.textContent = T('typhoon.pause');
    if ((state.step ?? 0) >= getScenario(el).steps() - 1) state.step = 0;
    const tick = () => {
      if (!state.playing || dead) return;
      // The current scenario on every tick: a storm switch during playback frees the old one.
      const sc = getScenario(el);
      state.step = (state.step ?? 0) + 1;
      if (state.step >= sc.steps()) { state.step = sc.steps() - 1; stop(); }
      slider.value = String(state.step);
      draw();
      state.timer = setTimeout(() => requestAnimationFrame(tick), 250);
    };
    tick();
  }
  function stop() {
    state.playing = false;
    clearTimeout(state.timer);
    playBtn.textContent = T('typhoon.play');
  }

  // Hover tooltip on the scenario map.
  const showTip = (e) => {
    if (dead) return;
    const code = map.districtAt(e.offsetX, e.offsetY);
    if (!code) { tip.hidden = true; return; }
    const p = getScenario(el).peaks().find((x) => x.code === code);
    const row = map.districts().find((x) => x.code === code);
    const en = el.lang === 'en';
    tip.innerHTML = '';
    tip.append(h('b', { text: en ? p.name_en : p.name_zh }),
      h('div', { text: `${T('typhoon.exposure')}: ${en ? p.exposure : p.exposure_zh}` }),
      h('div', { text: `${T('typhoon.wind2s')}: ${p.wind_2min_ms.toFixed(1)} m/s · ${en ? 'force ' + p.level : p.level + '级'}` }),
      h('div', { text: `${T('typhoon.gustS')}: ${p.gust_ms.toFixed(1)} m/s · ${en ? 'force ' + p.gust_level : p.gust_level + '级'}` }),
      h('div', { class: 'sub', text: `${T('typhoon.modelWind')}: ${p.peak_wind_ms.toFixed(1)} m/s` }),
      h('div', { text: `${T('typhoon.signal')}: ${en ? p.signal : p.signal_zh} · ${p.peak_time_bjt ?? ''}` }),
      h('div', { class: 'sub', text: `${en ? map.legend().title_en : map.legend().title_zh}: ${row?.display ?? ''}` }));
    tip.hidden = false;
    tip.style.left = `${Math.min(e.offsetX + 14, stage.clientWidth - tip.offsetWidth - 4)}px`;
    tip.style.top = `${e.offsetY + 14}px`;
  };
  // Hover with a mouse, tap on a touch screen: the same information (no hover-only data).
  canvas.addEventListener('pointermove', (e) => { if (e.pointerType !== 'touch') showTip(e); });
  canvas.addEventListener('click', showTip);
  canvas.addEventListener('pointerleave', (e) => { if (e.pointerType !== 'touch') tip.hidden = true; });
  const ro = new ResizeObserver(() => { if (!section.hidden) draw(); });

  labels();
  stormSel.value = el.scenarioStorm || 'hato';
  getScenario(el);
  map.copyDistrictsFrom(el._engineDistricts());
  afterChange();
  ro.observe(stage);

  return {
    activate() { map.copyDistrictsFrom(el._engineDistricts()); getScenario(el).useDistrictsOf(el._engineDistricts()); renderTable(); draw(); },
    deactivate() { stop(); },
    setLang() { labels(); renderTable(); draw(); },
    destroy() { dead = true; stop(); cancelAnimationFrame(pending); ro.disconnect(); try { map.free(); } catch (_) { /* poisoned */ } },
    /** The export sheet of this view (sheet.js): map, legend, peak-wind table, notes. */
    sheet() {
      const sc = getScenario(el);
      const en = el.lang === 'en';
      const L = map.legend();
      return {
        name: `typhoon-${el.scenarioStorm || 'scenario'}`,
        title: `${T('portal.sheetTyphoon')} · ${sc.name(el.lang)} · ${sc.options().model}`,
        subtitle: timeLabel.textContent,
        figures: [{ width: 1200, height: 800, draw: (c, k) => map.renderExport(c, k), svg: () => map.toSvg(1200, 800) }],
        legend: L.rows.map((r) => ({ color: r.color, label: en ? r.label_en : r.label_zh })),
        tables: [{ caption: T('portal.peaksTable'), ...tableData(table) }],
        notes: [notes.textContent],
        source: L.attribution,
        schematic: L.schematic,
      };
    },
    /** For tests and benchmarks. */
    get map() { return map; },
    get state() { return state; },
    redraw: draw,
  };
});
