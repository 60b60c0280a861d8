// 台风情景 view: pick or edit a storm, play it hour by hour, see winds, levels and implied
// warning signals per town. Registers itself with the element.
import { viewRegistry } from '../zs-risk-map.js';
import { adoptStyles, describeFigure, fitCanvas } from './common.js';
import { h, tableData, VIEW_STYLE } from './view-kit.js';
import '../i18n-views.js'; // this view's strings (split from i18n.js)
import {
  BRIEF_STYLE, SIGNAL_RULES, WHAT_IF, captionText, payoutFields, prepareBrief, printBrief, regionalControls, setPresenting,
  shared, signalCode, signalName, signalRulesBox, updateShared, whatIfLabel,
} from './briefing.js';

const SLIDER_LABEL = { shift_east_km: 'typhoon.shiftE', shift_north_km: 'typhoon.shiftN', rotate_deg: 'typhoon.rotate', dp_hpa: 'typhoon.dp', rmw_factor: 'typhoon.rmw', speed_factor: 'typhoon.speed' };
const SLIDERS = WHAT_IF.map(([key, min, max, step, def]) => [key, SLIDER_LABEL[key], min, max, step, def]);

/** The wind-model options of the shared state (model, surface or reference layer). */
export function sharedOptions(el) {
  const s = shared(el);
  return { model: s.model, layer: s.wind_layer };
}

/** Shared scenario for the typhoon and payout views, built from the shared state (storm,
 *  model, what-ifs) on first use. */
export function getScenario(el) {
  if (!el.typhoonScenario) {
    const s = shared(el);
    const opts = JSON.stringify(sharedOptions(el));
    let sc;
    try {
      sc = s.storm === 'custom' && s.custom_track ? new el.engines.TyphoonScenario('custom', s.custom_track, opts) : new el.engines.TyphoonScenario(s.storm, null, opts);
    } catch (e) {
      el._showError?.(e);
      Object.assign(s, { storm: 'hato', custom_track: null });
      sc = new el.engines.TyphoonScenario('hato', null, opts);
    }
    try { sc.update(JSON.stringify(s.what_if), null); } catch (e) { el._showError?.(e); }
    el.typhoonScenario = sc;
    el.scenarioStorm = s.storm;
    if (el.map) sc.useDistrictsOf(el._engineDistricts());
  }
  return el.typhoonScenario;
}

viewRegistry.set('typhoon', async (el, section) => {
  const wasm = el.engines; // the engines bundle (loaded by the element before this factory runs)
  const T = (k) => el.t(k);
  const canvas = h('canvas', { role: 'img', tabindex: '0' });
  const rcanvas = h('canvas', { role: 'img', tabindex: '0', class: 'regional', hidden: true });
  const tip = h('div', { class: 'tooltip', hidden: true });
  const stage = h('div', { class: 'stage' }, canvas, rcanvas, tip);
  const caption = h('div', { class: 'caption', 'aria-live': 'polite' });
  const slider = h('input', { type: 'range', min: '0', max: '0', step: '1', value: '0', 'aria-label': 'time step' });
  const playBtn = h('button', { type: 'button', class: 'play' });
  const timeLabel = h('span', { class: 'state' });
  const timebar = h('div', { class: 'timebar' }, playBtn, slider, timeLabel);
  const table = h('table', { class: 'data peaks' });
  const below = h('div', { class: 'below' }, table);
  const left = h('div', { class: 'left' }, caption, stage, timebar, below);
  const aside = h('aside', { class: 'panel' });
  section.append(h('div', { class: 'scen' }, left, aside));
  adoptStyles(section, VIEW_STYLE); // constructable stylesheet: CSP-clean
  adoptStyles(section, BRIEF_STYLE);
  let dead = false; // set by destroy(): nothing may touch a freed handle after it

  const map = new wasm.RiskMap(canvas);
  map.setFrame(false, 0.2); // wider frame: the storm centre is visible near landfall
  const rm = new wasm.RegionalMap();
  const sh = shared(el);
  if (sh.region) rm.setView(sh.region.lon, sh.region.lat, sh.region.zoom);
  const state = { step: sh.step, heat: sh.heat, byNow: sh.colour_by === 'now', playing: false, timer: 0, transform: { ...sh.what_if }, options: sharedOptions(el), kind: sh.map };
  let lastGood = { transform: { ...sh.what_if }, options: state.options };

  // ---- controls ----
  const stormSel = h('select', { class: 'storm' });
  for (const s of wasm.typhoonScenarios()) stormSel.append(h('option', { value: s.id, text: `${s.name_zh} ${s.name_en} (${s.cma_id})` }));
  const modelSel = h('select', { class: 'model' }, ...['H08', 'H1980', 'H10'].map((m) => h('option', { value: m, text: m })));
  modelSel.value = state.options.model;
  const land = h('input', { type: 'checkbox', class: 'land', checked: state.options.layer === 'reference' });
  const heat = h('input', { type: 'checkbox', class: 'heat', checked: state.heat });
  // Briefing (docs/briefing.md §7): city / region map, presentation, high contrast, 简报.
  const kindCity = h('button', { type: 'button', class: 'kind-city', 'aria-pressed': 'true' });
  const kindRegion = h('button', { type: 'button', class: 'kind-region', 'aria-pressed': 'false' });
  const presentBtn = h('button', { type: 'button', class: 'present' });
  const contrast = h('input', { type: 'checkbox', class: 'high-contrast', checked: sh.present.high_contrast });
  const briefBtn = h('button', { type: 'button', class: 'brief-print-btn' });
  const briefPngBtn = h('button', { type: 'button', class: 'brief-png' });
  const briefSvgBtn = h('button', { type: 'button', class: 'brief-svg' });
  const rulesBox = h('div', { class: 'rules-holder' });
  const byNow = h('select', { class: 'colour-by' });
  const sliders = SLIDERS.map(([key, label, min, max, step, def]) => {
    const v0 = state.transform[key] ?? def;
    const input = h('input', { type: 'range', min, max, step, value: v0, 'data-key': key });
    const out = h('output', { text: String(v0) });
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
    const B = (k) => T('briefing.' + k);
    kindCity.textContent = B('city');
    kindRegion.textContent = B('region');
    presentBtn.textContent = el.hasAttribute('presenting') ? B('exitPresent') : B('present');
    briefBtn.textContent = B('printBrief');
    briefPngBtn.textContent = B('briefPng');
    briefSvgBtn.textContent = B('briefSvg');
    rulesBox.replaceChildren(signalRulesBox(T));
    aside.append(
      h('fieldset', { class: 'briefing' }, h('legend', { text: B('title') }),
        h('div', { class: 'map-kind', role: 'group', 'aria-label': B('mapKind') }, kindCity, kindRegion),
        h('div', { class: 'brief-tools' }, presentBtn, briefBtn, briefPngBtn, briefSvgBtn),
        h('label', {}, contrast, ' ', B('highContrast')),
        h('div', { class: 'brief-hint', text: B('keysHint') })),
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
      rulesBox,
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
    describeFigure(rcanvas, T('briefing.altRegional'), table);
  }

  stormSel.addEventListener('change', () => replaceScenario(() => new wasm.TyphoonScenario(stormSel.value, null, JSON.stringify(state.options)), stormSel.value));
  // A new model rebuilds the storm: the RMW fitted to the observed radii depends on the
  // model, so a storm built under H1980 equals one switched to H1980 (a shared link reopens
  // the identical picture).
  modelSel.addEventListener('change', () => rebuildWith({ ...state.options, model: modelSel.value }));
  // The checkbox switches to CLIMADA's own output (open-terrain reference) instead of the
  // surface wind by exposure (docs/wind.md §2).
  land.addEventListener('change', () => rebuildWith({ ...state.options, layer: land.checked ? 'reference' : 'surface' }));
  heat.addEventListener('change', () => { state.heat = heat.checked; updateShared(el, { heat: state.heat }); scheduleDraw(); });
  byNow.addEventListener('change', () => { state.byNow = byNow.value === 'now'; updateShared(el, { colour_by: byNow.value }); scheduleDraw(); });
  // Layer switches draw once per animation frame, however fast they come.
  let drawQueued = 0;
  function scheduleDraw() {
    if (drawQueued) return;
    drawQueued = requestAnimationFrame(() => { drawQueued = 0; draw(); });
  }
  loadBtn.addEventListener('click', () => replaceScenario(() => new wasm.TyphoonScenario('custom', custom.value, JSON.stringify(state.options)), 'custom', custom.value));
  slider.addEventListener('input', () => { state.step = Number(slider.value); updateShared(el, { step: state.step }); draw(); });
  playBtn.addEventListener('click', () => (state.playing ? stop() : play()));
  kindCity.addEventListener('click', () => setKind('city'));
  kindRegion.addEventListener('click', () => setKind('region'));
  presentBtn.addEventListener('click', async () => { await setPresenting(el, !el.hasAttribute('presenting')); applyPresenting(); });
  contrast.addEventListener('change', () => { setContrast(contrast.checked); updateShared(el, { present: { high_contrast: contrast.checked } }); draw(); });
  /** High contrast (docs/briefing.md §8.2): the renderer's own palette, and the page's rules. */
  function setContrast(on) { el.toggleAttribute('high-contrast', on); map.setHighContrast(on); rm.setHighContrast(on); }
  briefBtn.addEventListener('click', () => { printBrief(el, briefSheet(), el._stamp()); });
  briefPngBtn.addEventListener('click', () => { el.briefPng().then((b) => el._download(b, `brief-${el.scenarioStorm}.png`), () => {}); });
  briefSvgBtn.addEventListener('click', () => { el.briefSvg().then((b) => el._download(b, `brief-${el.scenarioStorm}.svg`), () => {}); });
  document.addEventListener('fullscreenchange', onFullscreen);
  function onFullscreen() {
    // Leaving fullscreen with Esc ends the presentation too.
    if (!document.fullscreenElement && el.hasAttribute('presenting') && !el.hasAttribute('presenting-fallback')) { setPresenting(el, false); applyPresenting(); }
  }
  setContrast(sh.present.high_contrast);

  /** Presentation: projector type scale on both maps, the caption, the button label. */
  function applyPresenting() {
    const on = el.hasAttribute('presenting');
    const k = on ? wasm.RegionalMap.projectorTypeScale() : 1;
    map.setTypeScale(on ? k : (el.hasAttribute('briefing') ? 1.4 : 1));
    rm.setTypeScale(k);
    presentBtn.textContent = T(on ? 'briefing.exitPresent' : 'briefing.present');
    presentBtn.setAttribute('aria-pressed', String(on));
    if (on) section.focus?.();
    draw();
  }

  /** City (schematic towns) or region (coastline, whole track, wind circles) map. */
  function setKind(kind) {
    state.kind = kind;
    kindCity.setAttribute('aria-pressed', String(kind === 'city'));
    kindRegion.setAttribute('aria-pressed', String(kind === 'region'));
    canvas.hidden = kind !== 'city';
    rcanvas.hidden = kind !== 'region';
    updateShared(el, { map: kind });
    scheduleDraw();
  }

  // Presentation keys: ← → step, space plays/pauses (not while typing in a form control).
  section.addEventListener('keydown', (e) => {
    if (e.target.closest?.('input, select, textarea') || e.target === rcanvas || e.target === canvas) return;
    if (!el.hasAttribute('presenting') && e.target !== section) return;
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      const sc = getScenario(el);
      state.step = Math.max(0, Math.min(sc.steps() - 1, (state.step ?? 0) + (e.key === 'ArrowRight' ? 1 : -1)));
      slider.value = String(state.step);
      updateShared(el, { step: state.step });
      draw();
    } else if (e.key === ' ') {
      if (state.playing) stop(); else play();
    } else return;
    e.preventDefault();
  });
  section.tabIndex = -1;

  const regional = regionalControls(rcanvas, rm, () => { cancelAnimationFrame(drawQueued); drawQueued = 0; draw(); }, (v) => updateShared(el, { region: { lon: v.lon, lat: v.lat, zoom: v.zoom } }));

  function rebuildWith(options) {
    const prev = state.options;
    state.options = options;
    const id = el.scenarioStorm || 'hato';
    const track = id === 'custom' ? shared(el).custom_track : null;
    if (!replaceScenario(() => new wasm.TyphoonScenario(id, track, JSON.stringify(options)), id, track, true)) {
      state.options = prev;
      modelSel.value = prev.model;
      land.checked = prev.layer === 'reference';
      return;
    }
    updateShared(el, { model: options.model, wind_layer: options.layer ?? 'surface' });
  }

  function replaceScenario(make, id, track = null, keepStep = false) {
    let s;
    try { s = el._guard(make); } catch (_) { stormSel.value = el.scenarioStorm; return false; }
    // Keep the what-if: the new storm gets the same shift, rotation and factors.
    try { el._guard(() => s.update(JSON.stringify(lastGood.transform), null)); } catch (_) { /* shown; storm kept unshifted */ }
    try { el.typhoonScenario?.free(); } catch (_) { /* poisoned */ }
    el.typhoonScenario = s;
    el.scenarioStorm = id;
    el.typhoonScenario.useDistrictsOf(el._engineDistricts());
    if (!keepStep) state.step = null; // a new storm: start at its closest approach
    lastGood = { ...lastGood, options: state.options };
    updateShared(el, { storm: id, custom_track: track });
    afterChange();
    return true;
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
      updateShared(el, { what_if: { ...transform }, model: state.options.model, wind_layer: state.options.layer ?? 'surface' });
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
    updateShared(el, { step: state.step });
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
    state.draws = (state.draws ?? 0) + 1; // counted for the once-per-frame test
    const sc = getScenario(el);
    writeNotes();
    try {
      if (state.kind === 'region') {
        const dpr = regional.fit();
        rm.setLang(el.lang);
        rm.drawTyphoon(rcanvas, sc, state.step ?? 0, dpr, sc.name(el.lang));
      } else {
        const dpr = fitCanvas(canvas);
        map.setLang(el.lang);
        map.showTyphoon(sc, state.step, state.heat, state.byNow);
        map.render(dpr);
      }
    } catch (e) { el._showError(e); return; }
    const s = sc.step(state.step ?? 0);
    const en = el.lang === 'en';
    caption.textContent = captionText(s, townNames(), el.lang);
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
        h('td', {}, h('span', { class: `sig sig-${signalCode(p.signal)}`, text: en ? signalName(p.signal, 'en') : p.signal_zh })),
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
      updateShared(el, { step: state.step });
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
      h('div', { text: `${T('typhoon.signal')}: ${en ? signalName(p.signal, 'en') : p.signal_zh} · ${p.peak_time_bjt ?? ''}` }),
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

  function townNames() {
    const out = {};
    for (const p of getScenario(el).peaks()) out[p.code] = { zh: p.name_zh, en: p.name_en };
    return out;
  }

  /** The 简报 sheet (sheet.js shape): the map as drawn now (region or city), the 23-town
   *  table, the payout under the shared policy and the what-if it paid, assumptions,
   *  sources. */
  function briefSheet() {
    const sc = getScenario(el);
    const en = el.lang === 'en';
    const B = (k) => T('briefing.' + k);
    let run = null;
    try { run = sc.payout(shared(el).policy ? JSON.stringify(shared(el).policy) : null); } catch (_) { run = null; }
    const fields = [[B('storm'), `${sc.name(el.lang)} · ${sc.options().model}`], [B('now'), caption.textContent], ...payoutFields(run, lastGood.transform, T, el.lang)];
    try { run?.free(); } catch (_) { /* poisoned */ }
    const W = 1200, H = 900;
    const figure = state.kind === 'region'
      ? { width: W, height: H, draw: (c, k) => printScale(() => rm.drawTyphoon(c, sc, state.step ?? 0, k, sc.name(el.lang))), svg: () => printScale(() => rm.svgTyphoon(sc, state.step ?? 0, W, H, sc.name(el.lang))) }
      : { width: W, height: H, draw: (c, k) => map.renderExport(c, k), svg: () => map.toSvg(W, H) };
    const t = tableData(table);
    // The 23-town table: town, 2-min wind, level, gust, signal, time (the 简报 columns).
    const pick = [0, 3, 4, 5, 7, 6];
    return {
      name: `brief-${el.scenarioStorm || 'scenario'}`,
      title: `${B('sheetTitle')} · ${sc.name(el.lang)}`,
      subtitle: `${timeLabel.textContent} · ${B('whatIf')}: ${whatIfLabel(lastGood.transform, T)}`,
      figures: [figure],
      fields,
      tables: [{ caption: T('portal.peaksTable'), head: pick.map((i) => t.head[i]), rows: t.rows.map((r) => pick.map((i) => r[i])) }],
      notes: [B('assumptions'), notes.textContent, `${B('rulesTitle')}: ${SIGNAL_RULES.map((r) => (en ? r[2] : r[1])).join(en ? '; ' : '；')}`],
      source: `${B('sources')} ${map.legend().attribution}`,
      schematic: state.kind !== 'region' && map.legend().schematic,
    };
  }
  /** Draws the 简报 map with the type scaled up: the sheet shrinks the 1200 px figure to
   *  about half its width on paper. */
  function printScale(fn) {
    rm.setTypeScale(1.6);
    try { return fn(); } finally { rm.setTypeScale(el.hasAttribute('presenting') ? wasm.RegionalMap.projectorTypeScale() : 1); }
  }

  /** Applies the shared state (el.scenario = …): storm, model, what-ifs, step, map kind,
   *  view box, colours — each control set from it, nothing else reset. */
  function applyShared(s) {
    if (dead) return;
    state.heat = s.heat; heat.checked = s.heat;
    state.byNow = s.colour_by === 'now'; byNow.value = s.colour_by;
    contrast.checked = s.present.high_contrast; setContrast(s.present.high_contrast);
    for (const sl of sliders) { sl.input.value = String(s.what_if[sl.key]); sl.out.textContent = String(s.what_if[sl.key]); }
    modelSel.value = s.model; land.checked = s.wind_layer === 'reference';
    state.options = { model: s.model, layer: s.wind_layer };
    if (s.region) rm.setView(s.region.lon, s.region.lat, s.region.zoom); else rm.reset();
    const step = s.step;
    if (s.storm !== el.scenarioStorm || (s.storm === 'custom')) {
      try { el.typhoonScenario?.free(); } catch (_) { /* poisoned */ }
      el.typhoonScenario = null;
      getScenario(el);
      stormSel.value = el.scenarioStorm;
    }
    update();
    state.step = step;
    setKind(s.map);
    afterChange();
  }

  labels();
  stormSel.value = el.scenarioStorm || 'hato';
  getScenario(el);
  map.copyDistrictsFrom(el._engineDistricts());
  canvas.hidden = state.kind !== 'city';
  rcanvas.hidden = state.kind !== 'region';
  kindCity.setAttribute('aria-pressed', String(state.kind === 'city'));
  kindRegion.setAttribute('aria-pressed', String(state.kind === 'region'));
  afterChange();
  ro.observe(stage);

  return {
    activate() { map.copyDistrictsFrom(el._engineDistricts()); getScenario(el).useDistrictsOf(el._engineDistricts()); renderTable(); draw(); },
    deactivate() { stop(); },
    setLang() { labels(); renderTable(); draw(); },
    destroy() { dead = true; stop(); cancelAnimationFrame(pending); cancelAnimationFrame(drawQueued); ro.disconnect(); document.removeEventListener('fullscreenchange', onFullscreen); try { map.free(); rm.free(); } catch (_) { /* poisoned */ } },
    applyShared,
    briefSheet,
    prepareBrief: () => prepareBrief(el, briefSheet(), el._stamp()),
    get regional() { return rm; },
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
