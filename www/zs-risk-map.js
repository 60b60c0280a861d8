// <zs-risk-map>: the embeddable widget. Plain ES module, no bundler, no inline styles or
// scripts (CSP in docs/embedding.md §2). Attributes, JS API, events and errors: docs/embedding.md
// and types/zs-risk-map.d.ts. Every error is a RiskMapError with a stable `code`; bad input is
// shown and the last good state kept; a Rust panic poisons the widget (crash panel); any other
// WebAssembly trap is WASM_TRAP and the widget stays usable.

// Two wasm bundles (README "Size budget"): the map bundle, all a map visitor needs; the engines
// bundle (every export) when an engine tab opens or a pointer/focus rests on one.
// scripts/package.sh rewrites the *_WASM_FILE names to content-hashed ones.
const MAP_WASM_FILE = 'zs_risk_map_map_bg.wasm';
const ENGINES_WASM_FILE = 'zs_risk_map_bg.wasm';
const MAP_PKG = new URL('./pkg/zs_risk_map_map.js', import.meta.url);
const MAP_WASM = new URL(`./pkg/${MAP_WASM_FILE}`, import.meta.url);
const ENGINES_PKG = new URL('./pkg/zs_risk_map.js', import.meta.url);
const ENGINES_WASM = new URL(`./pkg/${ENGINES_WASM_FILE}`, import.meta.url);

/** Instantiates a wasm-bindgen module from its glue URL and a Response (or its promise). */
const instantiate = (glue, wasm) => import(glue.href).then(async (m) => { await m.default({ module_or_path: wasm }); return m; });

// The first picture's wasm and glue start downloading at module evaluation, side by side.
// A failed download is reported by _init as WASM_LOAD_FAILED (no unhandled rejection).
const mapWasmResponse = fetch(MAP_WASM);
mapWasmResponse.catch(() => {});
const mapModulePromise = instantiate(MAP_PKG, mapWasmResponse);
mapModulePromise.catch(() => {});
// Not static imports: they would delay the wasm request by a round trip (bench-echarts.mjs).
// scenario.js: el.scenario is read and checked before briefing.js loads (issue 11).
const [{ t, langKey }, { adoptStyles, describeFigure, fitCanvas }, { defaultScenario, parseScenario }] = await Promise.all([import('./i18n.js'), import('./views/common.js'), import('./views/scenario.js')]);

/** The map bundle (RiskMap for the risk map view), instantiated once per page. */
function loadMapModule() { return mapModulePromise; }

let enginesPromise = null;
/** Loads and instantiates the full wasm module (every export: the engines bundle) once per
 *  page (memoised). The element calls it when an engine view opens. */
export function loadWasm() {
  if (!enginesPromise) {
    enginesPromise = instantiate(ENGINES_PKG, ENGINES_WASM);
    // A failed download may be retried by the next caller.
    enginesPromise.catch(() => { enginesPromise = null; });
  }
  return enginesPromise;
}

const VIEWS = ['map', 'typhoon', 'payout', 'forecast', 'premium', 'pricing'];
/** View modules shipped in www/views/ (each registers itself in viewRegistry when loaded). */
const VIEW_MODULES = ['typhoon', 'payout', 'forecast', 'premium', 'pricing'];
const viewModulePromises = new Map();
/** Loads one view's JS module (memoised; a failed load may be retried). */
function loadViewModule(name) {
  let p = viewModulePromises.get(name);
  if (!p) {
    p = import(new URL(`./views/${name}.js`, import.meta.url).href);
    p.catch(() => viewModulePromises.delete(name));
    viewModulePromises.set(name, p);
  }
  return p;
}
let sheetPromise = null;
/** The export/print module (sheet.js), loaded on the first export. */
function loadSheet() {
  if (!sheetPromise) { sheetPromise = import(new URL('./sheet.js', import.meta.url).href); sheetPromise.catch(() => { sheetPromise = null; }); }
  return sheetPromise;
}
const SCENARIO_VIEWS = ['typhoon', 'payout', 'forecast'];
let briefingPromise = null;
/** briefing.js (el.scenario, share-state; issue 11), loaded only when a scenario is used. */
function loadBriefing() {
  if (!briefingPromise) { briefingPromise = import(new URL('./views/briefing.js', import.meta.url).href).then((m) => { m.installScenario(ZsRiskMap); return m; }); briefingPromise.catch(() => { briefingPromise = null; }); }
  return briefingPromise;
}
const VIEW_LABEL = { map: 'tabMap', typhoon: 'tabTyphoon', payout: 'tabPayout', forecast: 'briefing.tabForecast', premium: 'tabPremium', pricing: 'tabPricing' };
/** View modules register here: name → async (element, section) => controller
 *  {activate, deactivate, setLang, destroy, sheet}. */
export const viewRegistry = new Map();

/**
 * The element's stylesheet (adopted, never a <style> element). The type scale is absolute
 * (`--zs-font-size`, default 16px), so a host rule such as `* { font-size: 12px }` cannot
 * shrink the widget; `:host { all: initial }` stops other inherited host styles. Theming:
 * the documented `--zs-*` custom properties and ::part()s (docs/embedding.md §4).
 * Layout follows the widget's own width (container queries): wide ≥ 1200 px, medium,
 * narrow < 768 px (map full width, panels stacked, tables scroll inside their box).
 */
const STYLE = /* css */ `
:host { all: initial; display: block; min-height: 420px; contain: layout paint style; }
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.root { --accent: var(--zs-accent, #1565c0); --border: var(--zs-border, #d5dbe3); --muted: var(--zs-muted, #4f5968);
  container: zs / inline-size;
  font-family: var(--zs-font-family, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif);
  font-size: var(--zs-font-size, 16px); line-height: 1.45; font-weight: 400; font-style: normal; letter-spacing: normal;
  text-align: left; text-transform: none; white-space: normal; color: var(--zs-text, #1a2333); color-scheme: light;
  display: flex; flex-direction: column; height: 100%; min-height: inherit;
  border: 1px solid var(--border); border-radius: var(--zs-radius, 8px); background: var(--zs-bg, #fff); overflow: hidden; }
:host([briefing]) .root { font-size: calc(var(--zs-font-size, 16px) * 1.25); }
:focus-visible { outline: 3px solid var(--zs-focus, #b35c00); outline-offset: 2px; }
button, select, input, textarea { font: inherit; color: inherit; }
header { display: flex; flex-wrap: wrap; gap: 6px 16px; align-items: center; padding: 8px 12px; border-bottom: 1px solid var(--border);
  background: var(--zs-header-bg, #f3f6fa); color: var(--zs-header-text, #1a2333); }
h2 { font-size: 1.05em; margin: 0; font-weight: 600; }
.badge { display: inline-block; margin-left: 6px; padding: 1px 6px; font-size: .75em; border-radius: 4px; background: #fff3cd; border: 1px solid #c9a227; color: #5c4600; vertical-align: middle; }
.tabs { display: flex; gap: 2px; max-width: 100%; overflow-x: auto; }
.tabs button { border: 1px solid transparent; background: none; padding: 6px 10px; border-radius: 6px; cursor: pointer; color: #2f3a4a; white-space: nowrap; min-height: 36px; }
.tabs button[aria-selected="true"] { background: var(--zs-bg, #fff); border-color: var(--border); color: var(--accent); font-weight: 600; }
.tools { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-left: auto; }
.tools button, .tools select { font-size: .9em; padding: 4px 8px; border: 1px solid #8a95a5; border-radius: 6px; background: var(--zs-bg, #fff); cursor: pointer; min-height: 32px; }
.tools button[hidden], .tools label[hidden] { display: none; }
.error { margin: 8px 12px 0; padding: 8px 12px; border: 1px solid #e0a0a0; background: #fdecec; border-radius: 6px; color: #7a1414; display: flex; gap: 12px; align-items: flex-start; }
.error[hidden] { display: none; }
.error .msg { flex: 1; white-space: pre-wrap; word-break: break-word; }
.error code { font-size: .85em; background: #f7d4d4; padding: 0 4px; border-radius: 3px; }
.body { flex: 1; display: flex; min-height: 0; min-width: 0; }
.view { flex: 1; display: flex; min-height: 0; min-width: 0; }
.view[hidden] { display: none; }
.stage { position: relative; flex: 1; min-width: 0; min-height: 360px; touch-action: manipulation; }
.stage[hidden] { display: none; }
.stage canvas { position: absolute; inset: 0; width: 100%; height: 100%; outline: none; }
.stage canvas.top { pointer-events: none; }
.stage canvas:focus-visible { box-shadow: inset 0 0 0 3px var(--zs-focus, #b35c00); }
.tooltip { position: absolute; pointer-events: none; background: rgba(255,255,255,.97); color: #1a2333; border: 1px solid #8a95a5; border-radius: 6px; padding: 6px 8px; font-size: .85em; box-shadow: 0 2px 8px rgba(0,0,0,.15); max-width: min(300px, 90%); z-index: 2; }
.tooltip[hidden] { display: none; }
.tooltip b { font-size: 1.05em; }
.tooltip .sub { color: var(--muted); }
aside.panel { width: 260px; flex: none; border-left: 1px solid var(--border); padding: 10px 12px; overflow: auto; font-size: .9em; }
.legend h3 { font-size: 1em; margin: 0 0 6px; }
.legend > .off { content-visibility: hidden; }
@supports not (content-visibility: hidden) { .legend > .off { display: none; } }
.legend ul { list-style: none; padding: 0; margin: 0; }
.legend li { display: block; margin: 1px 0; }
.legend li button { display: flex; gap: 8px; align-items: center; width: 100%; padding: 3px 4px; border: 0; border-radius: 4px; background: none; cursor: pointer; min-height: 28px; text-align: left; }
.legend li button[aria-pressed="true"] { background: #e8f0fb; outline: 1px solid var(--accent); }
.legend .sw { width: 20px; height: 14px; border: 1px solid #888; flex: none; }
.ramp { height: 12px; border: 1px solid #888; margin: 4px 0; }
.ramp-labels { display: flex; justify-content: space-between; font-size: .85em; color: #3b4656; }
.note { color: var(--muted); font-size: .85em; margin-top: 8px; line-height: 1.45; }
table.data { border-collapse: collapse; width: 100%; font-size: .88em; }
table.data th, table.data td { border-bottom: 1px solid #e3e7ec; padding: 4px 6px; text-align: left; }
table.data td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.data tr.sel { background: #e8f0fb; }
.tablewrap { flex: 1; overflow: auto; padding: 8px 12px; min-width: 0; }
.tablewrap[hidden] { display: none; }
footer { padding: 4px 12px; font-size: .78em; color: var(--muted); border-top: 1px solid var(--border); display: flex; gap: 12px; flex-wrap: wrap; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.fatal { padding: 16px; }
.view-loading { flex: 1; display: flex; align-items: center; justify-content: center; gap: 10px; padding: 24px; color: var(--muted); }
.view-loading .spin { width: 18px; height: 18px; border: 3px solid var(--border); border-top-color: var(--accent); border-radius: 50%; animation: zs-spin .9s linear infinite; }
@keyframes zs-spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .view-loading .spin { animation: none; } }
.fatal[hidden] { display: none; }
.sw-inline { display: inline-block; width: 10px; height: 10px; border: 1px solid #888; margin-right: 4px; vertical-align: middle; }
.hint-touch { display: none; }
@media (pointer: coarse) { .hint-keys { display: none; } .hint-touch { display: inline; } }
@container zs (min-width: 1200px) { aside.panel { width: 300px; } }
@container zs (max-width: 767px) {
  header { padding: 6px 8px; gap: 6px; }
  h2 { flex: 1 0 100%; }
  .tabs { flex: 1 0 100%; flex-wrap: wrap; }
  table th { white-space: nowrap; }
  .tools { margin-left: 0; gap: 4px; }
  .tools button, .tools select { font-size: .8em; padding: 3px 6px; }
  .tabs button { padding: 2px 8px; font-size: .9em; min-height: 32px; }
  h2 { font-size: .95em; }
  .body { display: block; overflow-y: auto; overflow-x: hidden; }
  .view { min-height: 100%; }
  .view-map { flex-direction: column; }
  .view-map .stage { flex: none; height: clamp(300px, 90cqw, 520px); min-height: 0; }
  .view-map .tablewrap { flex: none; }
  aside.panel { width: auto; border-left: 0; border-top: 1px solid var(--border); overflow: visible; }
}
`;

/** A RiskMapError (the same shape the wasm module throws): stable code, the field id, and
 *  the message in Chinese and English. */
function riskError(code, field, zh, en) {
  const e = new Error(en);
  e.name = 'RiskMapError';
  e.code = code;
  e.field = field;
  e.messageZh = zh;
  e.messageEn = en;
  return e;
}

const typeName = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** A town code from the API: a string, or a whole number (codes look numeric), or null. */
function townCode(v) {
  if (v == null || v === '') return null;
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v);
  throw riskError('INVALID_INPUT', 'map.selected', `镇街代码应为字符串或整数（如 '442000001'），收到 ${typeName(v)}`,
    `district code must be a string or a whole number (e.g. '442000001'), got ${typeName(v)}`);
}

/** A non-empty string argument, else INVALID_INPUT naming the field. */
function str(v, field, zh, { allowNumber = false } = {}) {
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (allowNumber && typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw riskError('INVALID_INPUT', field, `${zh}应为非空字符串，收到 ${typeName(v)}`, `${field} must be a non-empty string, got ${typeName(v)}`);
}

/** The options object of loadDistricts: {crs: 'WGS84' | 'GCJ02', attribution: string}. */
function districtOptions(opts) {
  if (opts == null) opts = {};
  if (typeof opts !== 'object' || Array.isArray(opts)) {
    throw riskError('INVALID_INPUT', 'geojson.options', `选项应为对象 {crs, attribution}，收到 ${typeName(opts)}`, `options must be an object {crs, attribution}, got ${typeName(opts)}`);
  }
  const crs = opts.crs == null ? 'WGS84' : str(opts.crs, 'geojson.crs', '坐标系 crs').toUpperCase();
  let attribution = null;
  if (opts.attribution != null) {
    if (typeof opts.attribution === 'string') attribution = opts.attribution;
    else if (typeof opts.attribution === 'number' || typeof opts.attribution === 'boolean') attribution = String(opts.attribution);
    else throw riskError('INVALID_INPUT', 'geojson.attribution', `署名 attribution 应为字符串，收到 ${typeName(opts.attribution)}`, `attribution must be a string, got ${typeName(opts.attribution)}`);
  }
  return { crs, attribution };
}

/** PNG scale: device px per CSS px, 0.5–4 (default 2). */
function exportScale(opts) {
  if (opts == null) return 2;
  if (typeof opts !== 'object') throw riskError('INVALID_INPUT', 'options', `选项应为对象 {scale}，收到 ${typeName(opts)}`, `options must be an object {scale}, got ${typeName(opts)}`);
  const s = opts.scale ?? 2;
  if (typeof s !== 'number' || !Number.isFinite(s) || s < 0.5 || s > 4) {
    throw riskError('OUT_OF_RANGE', 'scale', `导出比例 scale 应为 0.5–4 的数，收到 ${String(s)}`, `scale must be a number from 0.5 to 4, got ${String(s)}`);
  }
  return s;
}

export class ZsRiskMap extends HTMLElement {
  static get observedAttributes() { return ['layer', 'lang', 'view', 'briefing']; }

  constructor() {
    super();
    this.state = 'idle'; // idle → loading → ready | failed
    this.wasm = null;    // the map bundle's exports
    this.engines = null; // the engines bundle's exports, once an engine view has loaded it
    this.map = null;
    this._engMap = null; // engines-side RiskMap holding the element's districts (_engineDistricts)
    this._districtsGen = 0;
    this.focusIndex = -1;
    this.selected = null;
    this.highlight = null;
    this._rows = this._lastRows = [];
    this._legends = new Map(); // legend panels shown so far (_renderLegend)
    this._legendBox = null;
    this.views = new Map();
    this._viewPromises = new Map();
    this._gen = 0;
    this._raf = 0;
    this._pendingPointer = null;
    this._districtsSource = null; // last loaded boundaries, replayed after a rebuild
    this._newReady();
    this.attachShadow({ mode: 'open' });
    adoptStyles(this.shadowRoot, STYLE);
  }

  /** Resolves with {version} when the widget is ready; rejects with a RiskMapError when the
   *  module cannot load. A new promise after the element is detached and rebuilt. */
  get ready() { return this._readyPromise; }

  _newReady() {
    this._readyPromise = new Promise((ok, fail) => { this._readyOk = ok; this._readyFail = fail; });
    this._readyPromise.catch(() => { /* handled by whoever awaits it; no unhandled rejection */ });
  }

  get lang() { return langKey(this.getAttribute('lang') || 'zh-CN'); }
  get t() { return (k) => t(this.lang, k); }
  /** Current view name. */
  /** The shareable scenario (docs/briefing.md §7.3). briefing.js replaces this accessor when it
   *  loads; until then the getter gives the scenario last set, or the element's own (view,
   *  layer, defaults), and the setter checks it synchronously (throws a RiskMapError naming
   *  the field), keeps it and loads briefing.js, which applies it. */
  get scenario() {
    if (this._scn) return structuredClone(this._scn);
    const s = defaultScenario();
    s.view = this.view;
    if (this.map) s.layer = this.map.layerId();
    return s;
  }
  set scenario(v) { const next = parseScenario(v, this.scenario); this._scn = next; loadBriefing().then(() => { if (this._scn === next) this.scenario = next; }).catch((e) => this._showError(e)); }
  /** Mirrors a view/layer change into the scenario once briefing.js is (or must be) loaded. */
  _noteShared() { if (briefingPromise || this.hasAttribute('share-state')) loadBriefing().then(() => this._sharedChanged()).catch(() => {}); }

  get view() { const v = this.getAttribute('view') || 'map'; return VIEWS.includes(v) ? v : 'map'; }

  connectedCallback() {
    if (this._teardownTimer) {
      // Moved within the page (SPA re-render): keep everything, resume observing.
      clearTimeout(this._teardownTimer);
      this._teardownTimer = 0;
      if (this.state === 'ready') { this._observeSize(); this._scheduleRender(); }
      return;
    }
    if (this.state !== 'idle') return;
    this.state = 'loading';
    this._build();
    this._init();
  }

  disconnectedCallback() {
    // Stop animations at once; free wasm handles only if the element is not re-inserted in
    // this task (frameworks move elements by remove + insert).
    for (const v of this.views.values()) { try { v.deactivate?.(); } catch (_) { /* view already gone */ } }
    this._ro?.disconnect();
    this._ro = null;
    clearTimeout(this._teardownTimer);
    this._teardownTimer = setTimeout(() => { this._teardownTimer = 0; if (!this.isConnected) this._teardown(); }, 0);
  }

  /** Frees every wasm handle this element owns, once, and returns to `idle`. */
  _teardown() {
    this._gen++;
    this._mq?.removeEventListener?.('change', this._onDpr);
    this._mq = null;
    cancelAnimationFrame(this._raf);
    this._raf = 0;
    for (const v of this.views.values()) { try { v.destroy?.(); } catch (_) { /* poisoned */ } }
    this.views.clear();
    this._viewPromises.clear();
    try { this.typhoonScenario?.free(); } catch (_) { /* poisoned */ }
    this.typhoonScenario = null;
    this.scenarioStorm = null;
    try { this.map?.free(); } catch (_) { /* poisoned */ }
    this.map = null;
    try { this._engMap?.free(); } catch (_) { /* poisoned */ }
    this._engMap = null;
    this._rows = this._lastRows = [];
    this._legends.clear();
    this._legendBox = null;
    this.selected = null;
    this.focusIndex = -1;
    this.shadowRoot.replaceChildren();
    const settled = this.state === 'ready' || this.state === 'failed';
    this.state = 'idle';
    if (settled) this._newReady();
  }

  attributeChangedCallback(name, oldV, newV) {
    if (this.state !== 'ready' || oldV === newV) return;
    if (name === 'lang') this._applyLang();
    else if (name === 'layer' && newV && newV !== this.map?.layerId()) this.setLayer(newV).catch(() => {});
    else if (name === 'view') { this._showView(); this._noteShared(); } // share-state: the view is in the hash
    else if (name === 'briefing') { this.map.setTypeScale(this.hasAttribute('briefing') ? 1.4 : 1.0); this.render(); }
  }

  _build() {
    const s = this.shadowRoot;
    s.innerHTML = `
<div class="root" part="root">
  <header part="header">
    <h2 part="title"><span class="title"></span><span class="badge" hidden></span></h2>
    <div class="tabs" role="tablist" part="tabs"></div>
    <div class="tools" role="group" part="toolbar">
      <label class="layer-label"><span class="l-layer"></span> <select class="layer-select"></select></label>
      <button class="btn-table" type="button" aria-pressed="false"></button>
      <button class="btn-png" type="button" part="button export-button"></button>
      <button class="btn-svg" type="button" part="button export-button"></button>
      <button class="btn-csv" type="button" part="button export-button"></button>
      <button class="btn-print" type="button" part="button export-button"></button>
      <button class="btn-lang" type="button" part="button"></button>
    </div>
  </header>
  <div class="error" role="alert" part="error" hidden><div class="msg"></div><button type="button" class="btn-dismiss"></button></div>
  <div class="fatal" hidden></div>
  <div class="body" part="body">
    <section class="view view-map" data-view="map" id="panel-map" role="tabpanel">
      <div class="stage">
        <canvas tabindex="0"></canvas>
        <canvas class="top" aria-hidden="true"></canvas>
        <div class="tooltip" hidden></div>
      </div>
      <div class="tablewrap" hidden><table class="data map-table"></table></div>
      <aside class="panel legend" part="panel"></aside>
    </section>
  </div>
  <div class="live sr-only" aria-live="polite"></div>
  <footer part="footer"><span class="hint"><span class="hint-keys"></span><span class="hint-touch"></span></span><span class="status"></span></footer>
</div>`;
    const q = (sel) => s.querySelector(sel);
    this.$ = {
      title: q('.title'), badge: q('.badge'), tabs: q('.tabs'), tools: q('.tools'), layerSelect: q('.layer-select'), lLayer: q('.l-layer'),
      layerLabel: q('.layer-label'), btnTable: q('.btn-table'), btnPng: q('.btn-png'), btnSvg: q('.btn-svg'), btnCsv: q('.btn-csv'),
      btnPrint: q('.btn-print'), btnLang: q('.btn-lang'),
      error: q('.error'), errorMsg: q('.error .msg'), btnDismiss: q('.btn-dismiss'), fatal: q('.fatal'),
      body: q('.body'), stage: q('.view-map .stage'), canvas: q('.view-map canvas'), top: q('.view-map .top'), tooltip: q('.view-map .tooltip'),
      tableWrap: q('.view-map .tablewrap'), table: q('.map-table'), legend: q('.legend'), live: q('.live'),
      hintKeys: q('.hint-keys'), hintTouch: q('.hint-touch'), status: q('.status'), mapView: q('.view-map'),
    };
    this.$.layerSelect.addEventListener('change', () => this.setLayer(this.$.layerSelect.value).catch(() => {}));
    this.$.btnLang.addEventListener('click', () => this.setAttribute('lang', this.lang === 'en' ? 'zh-CN' : 'en'));
    this.$.btnTable.addEventListener('click', () => this._toggleTable());
    this.$.btnDismiss.addEventListener('click', () => { this.$.error.hidden = true; });
    for (const [btn, kind] of [[this.$.btnPng, 'png'], [this.$.btnSvg, 'svg'], [this.$.btnCsv, 'csv']]) {
      btn.addEventListener('click', () => this._exportAndDownload(kind));
    }
    this.$.btnPrint.addEventListener('click', () => { this.print().catch(() => {}); });
    const c = this.$.canvas;
    c.addEventListener('pointermove', (e) => { if (e.pointerType !== 'touch') this._onPointer(e); });
    c.addEventListener('pointerleave', (e) => { if (e.pointerType === 'touch') return; this._pendingPointer = null; this._hideTooltip(); this._hover(null); });
    c.addEventListener('click', (e) => this._onClick(e));
    c.addEventListener('keydown', (e) => this._onKey(e));
    // Keyboard focus starts on the first town; a click or tap that focuses the canvas does not.
    c.addEventListener('focus', () => { if (this.focusIndex < 0 && this.rows.length && c.matches(':focus-visible')) this._focusIndex(0); });
    c.addEventListener('blur', () => { this._hideTooltip(); });
  }

  async _init() {
    const gen = ++this._gen;
    try {
      // Only the map bundle: engine views load when their tab opens (never before `ready`).
      const wasm = await loadMapModule();
      if (gen !== this._gen) return; // torn down while loading
      this.wasm = wasm;
      this.map = new wasm.RiskMap(this.$.canvas, this.$.top);
      if (this.hasAttribute('briefing')) this.map.setTypeScale(1.4);
      if (this._districtsSource) {
        const d = this._districtsSource;
        try { this.map.loadGeoJson(d.text, d.crs, d.attribution); } catch (e) { this._districtsSource = null; this._showError(e); }
      }
      const layer = this.getAttribute('layer');
      if (layer) { try { this.map.setLayer(layer); } catch (e) { this._showError(e); } }
      this.state = 'ready';
      this._applyLang(false);
      this._refreshLayers();
      this._observeSize();
      this.render();
      // el.scenario set before ready, or the share-state hash: only then is briefing.js loaded here.
      if (this._scn !== undefined || this.hasAttribute('share-state')) loadBriefing().then(() => this._restoreShared()).catch((e) => this._showError(e));
      this._showView();
      const detail = { version: wasm.version() };
      this._readyOk(detail);
      this._emit('ready', detail);
    } catch (e) {
      if (gen !== this._gen) return;
      this.state = 'failed';
      const info = this._errorInfo(e);
      const code = info.code === 'INVALID_INPUT' ? 'WASM_LOAD_FAILED' : info.code;
      this._showFatal(code, info.message);
      const err = riskError(code, null, info.message, info.message);
      this._readyFail(err);
      this._emit('error', { code, field: null, message: info.message, fatal: true });
    }
  }

  /** Dispatches an event that bubbles and crosses the shadow boundary (docs/embedding.md §5). */
  _emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  // ---- public API -------------------------------------------------------------------

  /** The wasm module's exports (every engine: the engines bundle, loaded on first call). */
  async module() { return this._engines(); }

  /** Layers available for the loaded districts: [{id, title_zh, title_en, unit, kind}]. */
  get layers() { return this.map ? this.map.layers() : []; }

  /** Rows of the current layer: [{code, name_zh, name_en, value, display, level, color…}]. */
  get districts() { return this.rows.slice(); }

  /** Every town's row for the current layer (the table, tooltip and keyboard read them),
   *  from wasm when first asked for after a change; the last good rows if that fails (the
   *  crash fallback table). */
  get rows() {
    if (!this._rows) {
      try { this._rows = this._lastRows = this.map.districts(); } catch (_) { return this._lastRows; }
    }
    return this._rows;
  }

  /**
   * Loads district boundaries: GeoJSON text or object; opts.crs 'WGS84' (default) or
   * 'GCJ02'; opts.attribution shown on the map. Rejects with a RiskMapError on bad input and
   * keeps the current map, showing the error in the widget.
   */
  async loadDistricts(geojson, opts = {}) {
    await this._ready();
    return this._guard(() => {
      let text;
      if (typeof geojson === 'string') text = geojson;
      else if (geojson && typeof geojson === 'object') {
        try { text = JSON.stringify(geojson); } catch (e) { throw riskError('NOT_JSON', 'geojson', `GeoJSON 对象无法转为 JSON：${e.message}`, `the GeoJSON object cannot be serialised: ${e.message}`); }
      } else {
        throw riskError('INVALID_INPUT', 'geojson', `GeoJSON 应为字符串或对象，收到 ${typeName(geojson)}`, `geojson must be a string or an object, got ${typeName(geojson)}`);
      }
      const o = districtOptions(opts);
      const summary = this.map.loadGeoJson(text, o.crs, o.attribution);
      this._districtsSource = { text, crs: o.crs, attribution: o.attribution };
      this._afterDistrictsChanged();
      return summary;
    });
  }

  /** Fetches GeoJSON from a URL, then as loadDistricts. */
  async loadDistrictsFromUrl(url, opts = {}) {
    let text;
    try {
      const u = url instanceof URL ? url.href : str(url, 'url', '地址 url');
      const r = await fetch(u);
      if (!r.ok) throw new Error(`${u}: HTTP ${r.status}`);
      text = await r.text();
    } catch (e) {
      const err = e.name === 'RiskMapError' ? e : riskError('FETCH_FAILED', 'url', `下载失败：${e.message || e}`, `download failed: ${e.message || e}`);
      if (this.$) this._showError(err);
      throw err;
    }
    return this.loadDistricts(text, opts);
  }

  /** Returns to the built-in schematic layer. */
  async useBuiltinDistricts() {
    await this._ready();
    return this._guard(() => { const s = this.map.useBuiltin(); this._districtsSource = null; this._afterDistrictsChanged(); return s; });
  }

  /** Switches the risk layer (see `layers`). Rejects with INVALID_INPUT for an unknown id;
   *  emits `layer-change` once. */
  async setLayer(id) {
    await this._ready();
    return this._guard(() => {
      const layer = str(id, 'map.layer', '图层 layer');
      this.map.setLayer(layer);
      this.highlight = null;
      this.map.setHighlightLevel(null);
      if (this.getAttribute('layer') !== layer) this.setAttribute('layer', layer); // attributeChangedCallback sees it is current
      this._refreshLayers();
      this.render();
      this._emit('layer-change', { layer });
      this._noteShared();
    });
  }

  /** Selects a district by code (a string, a whole number, or null) as a click would, and
   *  emits district-select. */
  async selectDistrict(code) {
    await this._ready();
    return this._guard(() => this._select(townCode(code)));
  }

  /** Redraws at the current size and devicePixelRatio. */
  render() {
    if (this.state !== 'ready' || !this.map) return;
    if (this.view === 'map' && !this.$.stage.hidden) {
      // The size the ResizeObserver saw: a redraw forces no layout.
      // Two stacked canvases (RiskMap): fills below, outlines and labels on top.
      const dpr = fitCanvas(this.$.canvas, this._box);
      fitCanvas(this.$.top, this._box);
      this._drawnBox = this._box;
      try {
        this.map.render(dpr);
      } catch (e) { this._showError(e); }
      this.dpr = dpr;
    }
    this._renderTable();
  }

  /** PNG Blob of the current view (title, figures, legend, tables, source, 示意图 note).
   *  opts.scale: device px per CSS px, 0.5–4 (default 2). */
  async exportPng(opts) {
    const scale = exportScale(opts);
    return this._withSheet((S, sheet, stamp) => this._guardAsync(() => S.sheetPng(sheet, stamp, scale)));
  }

  /** SVG Blob of the current view. */
  async exportSvg() {
    await this._ready();
    // The map bundle has no SVG backend: the engines bundle draws the map view's SVG.
    if (this.view === 'map') await this._guardAsync(() => this._engines());
    return this._withSheet((S, sheet, stamp) => new Blob([this._guard(() => S.sheetSvg(sheet, stamp))], { type: 'image/svg+xml' }));
  }

  /** CSV Blob (UTF-8 with BOM) of the current view's table(s). */
  async exportCsv() {
    return this._withSheet((S, sheet, stamp) => new Blob([this._guard(() => S.sheetCsv(sheet, stamp))], { type: 'text/csv;charset=utf-8' }));
  }

  /** A standalone HTML page (one A4 page when printed) of the current view; on the premium
   *  view the quote sheet (报价单). */
  async exportHtml() {
    return this._withSheet((S, sheet, stamp) => new Blob([this._guard(() => S.sheetHtml(sheet, stamp, this.lang))], { type: 'text/html;charset=utf-8' }));
  }

  /** Prints the current view's sheet alone (the premium view: the quote sheet 报价单). */
  async print() {
    return this._withSheet((S, sheet, stamp) => S.printSheet(sheet, stamp, this.lang));
  }

  /** CSV of the map table (UTF-8 with BOM, CRLF), from the crate's one injection-safe CSV
   *  writer (src/csv_lite.rs). */
  tableCsv() {
    return this._guard(() => this.map.tableCsv(this.lang));
  }

  // ---- exports --------------------------------------------------------------------------

  /** Footer strings of every export: 示意图 note, source label, date and version. */
  _stamp() {
    const P = (k) => this.t('portal.' + k);
    const date = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    const d = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
    return {
      schematic: this.t('schematicNote'),
      schematicBadge: P('schematicBadge'),
      sourceLabel: P('sourceLabel'),
      line: P('generated').replace('{date}', d).replace('{version}', this.wasm?.version?.() ?? ''),
      date: d,
    };
  }

  /** Runs `f(sheetModule, sheet, stamp)` on the current view's sheet (sheet.js, loaded on
   *  the first export; the map view's sheet is built there too). */
  async _withSheet(f) {
    await this._ready();
    const S = await this._guardAsync(loadSheet);
    return f(S, await this._sheet(S), this._stamp());
  }

  /** The current view's sheet (see sheet.js). */
  async _sheet(S) {
    const name = this.view;
    if (name === 'map') return S.mapSheet(this);
    let v = this.views.get(name);
    if (!v) { await this._showView(); v = this.views.get(name); }
    if (!v?.sheet) throw riskError('NOTHING_TO_EXPORT', 'view', `视图 ${name} 没有可导出的内容`, `the ${name} view has nothing to export`);
    return this._guard(() => v.sheet());
  }

  async _exportAndDownload(kind) {
    try {
      const blob = kind === 'png' ? await this.exportPng() : kind === 'svg' ? await this.exportSvg() : await this.exportCsv();
      const sheet = await this._sheet(await loadSheet());
      this._download(blob, `zhongshan-${sheet.name || this.view}.${kind}`);
      this.$.status.textContent = `${this.t('portal.exported')} ${kind.toUpperCase()}`;
    } catch (_) { /* shown in the widget by _guard */ }
  }

  // ---- internals -----------------------------------------------------------------------

  async _ready() {
    if (this.state === 'ready') return;
    if (this.state === 'failed') {
      throw riskError('WASM_LOAD_FAILED', null, '组件未能加载或已损坏，需要重新加载页面', 'the widget failed to load or was poisoned; reload the page');
    }
    await this._readyPromise;
  }

  /** Error → {code, field, message} in the widget's language. */
  _errorInfo(e) {
    const en = this.lang === 'en';
    const code = e && e.code ? e.code : (e instanceof WebAssembly.RuntimeError ? 'WASM_TRAP' : 'INVALID_INPUT');
    const message = (en ? e?.messageEn : e?.messageZh) || (e && e.message ? e.message : String(e));
    return { code, field: e?.field ?? null, message };
  }

  /**
   * Runs fn; on error shows it, emits `error`, and rethrows it as a RiskMapError. A Rust
   * panic (the module's poison flag is set) poisons the widget; any other WebAssembly trap
   * (a RuntimeError without the flag) is reported as WASM_TRAP and the widget stays usable.
   */
  _guard(fn) {
    try {
      // A panic in either bundle poisons the widget, even one that happened in a direct call.
      if (this._poisonedModule()) throw riskError('POISONED', null, '组件内部错误，需要重新加载', 'an earlier panic poisoned the widget; reload the page');
      const r = fn();
      if (this.$) this.$.error.hidden = true;
      return r;
    } catch (e) {
      throw this._failed(e);
    }
  }

  async _guardAsync(fn) {
    try { return await fn(); } catch (e) { throw this._failed(e); }
  }

  /** The bundle (map or engines) whose poison flag an earlier panic set, else null. */
  _poisonedModule() {
    for (const m of [this.wasm, this.engines]) { try { if (m?.isPoisoned?.()) return m; } catch (_) { return m; } }
    return null;
  }

  _failed(e) {
    const poisoned = this._poisonedModule();
    if (poisoned) {
      this._poisoned(e);
      // A call refused because an earlier panic poisoned the module keeps its POISONED code.
      if (e && e.code) return e;
      return riskError('PANIC', null, poisoned.lastPanic?.() || String(e?.message || e), poisoned.lastPanic?.() || String(e?.message || e));
    }
    if (e instanceof WebAssembly.RuntimeError) {
      const err = riskError('WASM_TRAP', null, `${t('zh-CN', 'portal.trapTitle')}：${e.message}`, `${t('en', 'portal.trapTitle')}: ${e.message}`);
      this._showError(err);
      this._recoverMap();
      return err;
    }
    // Anything else without a code (e.g. a TypeError from the glue) becomes a coded error.
    const err = e && e.code ? e : riskError('INVALID_INPUT', null, String(e?.message || e), String(e?.message || e));
    this._showError(err);
    return err;
  }

  /** After a trap that was not a panic: make sure the element's map handle still answers;
   *  if it does not, replace it (keeping the loaded boundaries and the layer). */
  _recoverMap() {
    if (!this.map || !this.wasm) return;
    try { this.map.layerId(); return; } catch (_) { /* the handle is stuck: rebuild it */ }
    const old = this.map;
    try {
      const fresh = new this.wasm.RiskMap(this.$.canvas, this.$.top);
      try { fresh.copyDistrictsFrom(old); } catch (_) {
        const d = this._districtsSource;
        if (d) { try { fresh.loadGeoJson(d.text, d.crs, d.attribution); } catch (_) { this._districtsSource = null; } }
      }
      const layer = this.getAttribute('layer');
      if (layer) { try { fresh.setLayer(layer); } catch (_) { /* keep the default layer */ } }
      fresh.setLang(this.lang);
      this.map = fresh;
      try { old.free(); } catch (_) { /* leaked rather than freed twice */ }
      this._refreshLayers();
      this.render();
    } catch (_) { /* nothing more to do: the error is shown */ }
  }

  _poisoned(e) {
    const msg = this._poisonedModule()?.lastPanic?.() || String(e && e.message || e);
    this.state = 'failed';
    try { this.map?.free(); } catch (_) { /* poisoned */ }
    this.map = null;
    this._showFatal('PANIC', msg);
    this._emit('error', { code: 'PANIC', field: null, message: msg, fatal: true });
  }

  _showError(e) {
    const { code, field, message } = this._renderError(e);
    this._emit('error', { code, field, message, fatal: false });
  }

  /** Writes the error banner in the widget's language (again after a language switch:
   *  `_applyLang`); returns the error's code, field and message. */
  _renderError(e) {
    this._lastError = e;
    const info = this._errorInfo(e);
    const { code, message } = info;
    if (this.$) {
      this.$.errorMsg.replaceChildren();
      const strong = document.createElement('strong');
      strong.textContent = `${this.t('errors.' + code)} `;
      const c = document.createElement('code');
      c.textContent = code;
      const p = document.createElement('div');
      p.textContent = message;
      const keep = document.createElement('div');
      keep.textContent = this.t('keepLast');
      this.$.errorMsg.append(strong, c, p, keep);
      this.$.error.hidden = false;
      this.$.btnDismiss.textContent = this.t('dismiss');
    }
    return info;
  }

  _showFatal(code, message) {
    const f = this.$.fatal;
    f.hidden = false;
    f.replaceChildren();
    const h = document.createElement('h3');
    h.textContent = `${this.t('fatalTitle')} (${code})`;
    const p = document.createElement('p');
    p.textContent = message;
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = this.t('reload');
    b.addEventListener('click', () => location.reload());
    f.append(h, p, b);
    // The table of the last good numbers stays as the fallback.
    if (this._tableIdle) this._buildTable();
    this.$.tableWrap.hidden = false;
    this.$.stage.hidden = true;
  }

  _applyLang(rerender = true) {
    const $ = this.$;
    const P = (k) => this.t('portal.' + k);
    $.title.textContent = this.t('appTitle');
    $.lLayer.textContent = this.t('layer');
    $.btnLang.textContent = this.t('language');
    if (!$.error.hidden && this._lastError) this._renderError(this._lastError);
    $.btnLang.setAttribute('aria-label', this.lang === 'en' ? '切换到中文' : 'Switch to English');
    $.btnLang.setAttribute('lang', this.lang === 'en' ? 'zh-CN' : 'en');
    $.btnTable.textContent = $.tableWrap.hidden ? this.t('tableView') : this.t('mapView');
    $.btnPng.textContent = this.t('exportPng');
    $.btnSvg.textContent = this.t('exportSvg');
    $.btnCsv.textContent = this.t('exportCsv');
    $.btnPrint.textContent = this.view === 'premium' ? P('exportQuote') : P('exportPrint');
    $.tabs.setAttribute('aria-label', P('views'));
    $.tools.setAttribute('aria-label', P('tools'));
    $.hintKeys.textContent = this.t('keyboardHint');
    $.hintTouch.textContent = P('tapHint');
    this.shadowRoot.querySelector('.root').setAttribute('lang', this.lang);
    this._renderTabs();
    if (this.map) {
      this.map.setLang(this.lang);
      this._refreshLayers();
      for (const v of this.views.values()) v.setLang?.(this.lang);
      if (rerender) this.render();
    }
  }

  _renderTabs() {
    const tabs = this.$.tabs;
    // Keep keyboard focus on the tab that had it (the tabs are rebuilt below).
    const active = this.shadowRoot.activeElement;
    const focused = active && active.getAttribute('role') === 'tab' ? active.dataset.view : null;
    tabs.replaceChildren();
    // Every shipped view has a tab from the start (its module loads when the tab opens), plus
    // none other: a host-registered view name outside VIEWS is never shown.
    const available = VIEWS.filter((v) => v === 'map' || VIEW_MODULES.includes(v) || viewRegistry.has(v));
    if (available.length < 2) { tabs.hidden = true; return; }
    tabs.hidden = false;
    for (const v of available) {
      const b = document.createElement('button');
      b.type = 'button';
      b.id = `tab-${v}`;
      b.setAttribute('role', 'tab');
      b.setAttribute('part', v === this.view ? 'tab tab-selected' : 'tab');
      b.dataset.view = v;
      const selected = v === this.view;
      b.setAttribute('aria-selected', String(selected));
      b.tabIndex = selected ? 0 : -1;
      if (this.shadowRoot.getElementById(`panel-${v}`)) b.setAttribute('aria-controls', `panel-${v}`);
      b.textContent = this.t(VIEW_LABEL[v]);
      // Clicking the current tab again retries a view whose download failed.
      b.addEventListener('click', () => { if (v === this.view) this._showView(); else this.setAttribute('view', v); });
      // Intent: a pointer or keyboard focus resting on an engine tab starts its download.
      if (v !== 'map') for (const ev of ['pointerenter', 'focus']) b.addEventListener(ev, () => this._prefetch(v), { once: true });
      b.addEventListener('keydown', (e) => {
        // Tabs pattern: arrows move between tabs and select; Home/End jump.
        const i = available.indexOf(v);
        const j = e.key === 'ArrowRight' ? (i + 1) % available.length : e.key === 'ArrowLeft' ? (i - 1 + available.length) % available.length
          : e.key === 'Home' ? 0 : e.key === 'End' ? available.length - 1 : -1;
        if (j < 0) return;
        e.preventDefault();
        this.setAttribute('view', available[j]);
        this.shadowRoot.getElementById(`tab-${available[j]}`)?.focus();
      });
      tabs.append(b);
      if (v === focused) b.focus();
    }
  }

  /** Tools that belong to one view only: the layer picker and table toggle (map view). */
  _syncTools() {
    const isMap = this.view === 'map';
    this.$.layerLabel.hidden = !isMap;
    this.$.btnTable.hidden = !isMap;
    this.$.btnPrint.textContent = this.view === 'premium' ? this.t('portal.exportQuote') : this.t('portal.exportPrint');
  }

  async _showView() {
    const name = this.view;
    const gen = this._gen;
    this._renderTabs();
    this._syncTools();
    // Exactly one view on screen: hide every other section first (also while a view loads).
    for (const s of this.shadowRoot.querySelectorAll('section.view')) s.hidden = s.dataset.view !== name;
    for (const [n, v] of this.views) { if (n !== name) v.deactivate?.(); }
    if (name === 'map') { this.render(); return; }
    let v = this.views.get(name);
    if (!v) {
      let p = this._viewPromises.get(name);
      if (!p) {
        const section = document.createElement('section');
        section.className = `view view-${name}`;
        section.dataset.view = name;
        section.id = `panel-${name}`;
        section.setAttribute('role', 'tabpanel');
        section.setAttribute('aria-labelledby', `tab-${name}`);
        // Loading state (zh/en) while the engines bundle and the view's module download.
        section.setAttribute('aria-busy', 'true');
        const loading = document.createElement('div');
        loading.className = 'view-loading';
        loading.setAttribute('role', 'status');
        loading.setAttribute('part', 'loading');
        const spin = document.createElement('span');
        spin.className = 'spin';
        spin.setAttribute('aria-hidden', 'true');
        const label = document.createElement('span');
        label.textContent = this.t('portal.loadingView').replace('{view}', this.t(VIEW_LABEL[name]));
        loading.append(spin, label);
        section.append(loading);
        section.hidden = this.view !== name;
        this.$.body.append(section);
        p = this._engines().then(() => this._viewFactory(name)).then(async (factory) => {
          if (gen !== this._gen) return null;
          loading.remove();
          section.removeAttribute('aria-busy');
          section.hidden = true; // the factory builds the view; shown below when still current
          return factory(this, section);
        }).then((ctrl) => {
          if (!ctrl) return null;
          if (gen !== this._gen) { try { ctrl.destroy?.(); } catch (_) { /* poisoned */ } return null; }
          this.views.set(name, ctrl);
          return ctrl;
        }, (e) => {
          // The map stays usable; opening the tab again retries the download.
          this._viewPromises.delete(name);
          section.remove();
          const m = String(e?.message || e);
          throw e?.code ? e : riskError('WASM_LOAD_FAILED', 'view', `“${t('zh-CN', VIEW_LABEL[name])}”未能加载：${m}。再次点击该标签可重试。`, `the ${t('en', VIEW_LABEL[name])} view failed to load: ${m}. Click its tab again to retry.`);
        });
        this._viewPromises.set(name, p);
      }
      try { v = await p; } catch (e) { this._failed(e); return; }
      if (!v) return;
      this._renderTabs();
    }
    if (gen !== this._gen || this.view !== name) return; // switched again meanwhile
    for (const s of this.shadowRoot.querySelectorAll('section.view')) s.hidden = s.dataset.view !== name;
    // The view's main column scrolls: keyboard users must be able to reach and scroll it.
    const main = this.shadowRoot.querySelector(`section.view-${name} .scen > .left`);
    if (main && !main.hasAttribute('tabindex')) {
      main.tabIndex = 0;
      main.setAttribute('role', 'region');
      main.setAttribute('aria-labelledby', `tab-${name}`);
    }
    v.activate?.();
  }

  /** The registered factory of a view, loading its module first. */
  async _viewFactory(name) {
    if (!viewRegistry.has(name) && VIEW_MODULES.includes(name)) await loadViewModule(name);
    if (SCENARIO_VIEWS.includes(name)) await loadBriefing(); // these views share the scenario
    const factory = viewRegistry.get(name);
    if (!factory) throw riskError('WASM_LOAD_FAILED', 'view', `视图 ${name} 未能加载`, `the ${name} view did not load`);
    return factory;
  }

  /** The engines bundle (every wasm export), loaded once; views get it as `el.engines`. */
  async _engines() {
    if (!this.engines) this.engines = await loadWasm();
    return this.engines;
  }

  /** Starts downloading an engine view (its module and the engines bundle) ahead of a click. */
  _prefetch(name) {
    if (this.state !== 'ready') return;
    loadWasm().catch(() => { /* reported when the tab opens */ });
    if (VIEW_MODULES.includes(name)) loadViewModule(name).catch(() => { /* reported when the tab opens */ });
  }

  /**
   * An engines-bundle RiskMap holding the districts the map shows: a handle of the map bundle
   * cannot be passed to the engines bundle (another wasm instance), so the engine views copy
   * districts from this one. Rebuilt from the loaded GeoJSON (or the built-in schematic) after
   * every change of districts.
   */
  _engineDistricts() {
    if (!this.engines) throw riskError('WASM_LOAD_FAILED', null, '计算引擎尚未加载', 'the engines are not loaded yet');
    if (!this._engMap || this._engMapGen !== this._districtsGen) {
      const m = this._engMap ?? new this.engines.RiskMap(document.createElement('canvas'));
      this._engMap = m;
      const d = this._districtsSource;
      if (d) m.loadGeoJson(d.text, d.crs, d.attribution); else m.useBuiltin();
      this._engMapGen = this._districtsGen;
    }
    return this._engMap;
  }

  _refreshLayers() {
    const sel = this.$.layerSelect;
    const current = this.map.layerId();
    // Rebuilt only when the districts or the language changed.
    const key = `${this.lang}|${this._districtsGen}`;
    if (sel.dataset.key !== key) {
      sel.replaceChildren();
      for (const l of this.map.layers()) {
        const o = document.createElement('option');
        o.value = l.id;
        o.textContent = this.lang === 'en' ? l.title_en : l.title_zh;
        sel.append(o);
      }
      sel.dataset.key = key;
      sel.style.cssText = '';
    }
    sel.value = current;
    if (!sel.style.width) this._fixSelectSize();
    this._rows = null; // read when first needed: a layer switch does not wait for them
    const L = this.map.legend();
    this._legend = L;
    this._renderLegend(L);
    describeFigure(this.$.canvas, this.t('portal.altMap').replace('{title}', this.lang === 'en' ? L.title_en : L.title_zh), this.$.table);
  }

  _afterDistrictsChanged() {
    this._districtsGen++;
    this.focusIndex = -1;
    this.selected = null;
    this.highlight = null;
    this._refreshLayers();
    this.render();
  }

  /** Fixes the layer picker's size at its natural size for the current options, in em (so
   *  it follows the font of the widget's width class), with size containment: a layer switch
   *  then changes only its text, and the header is not laid out again (docs/performance.md
   *  §5). Left automatic while the picker is not rendered. */
  _fixSelectSize() {
    const sel = this.$.layerSelect;
    const r = sel.getBoundingClientRect();
    const em = parseFloat(getComputedStyle(sel).fontSize);
    if (r.width && em) sel.style.cssText = `width:${r.width / em}em;height:${r.height / em}em;contain:strict;vertical-align:middle`;
  }

  /** Shows the legend of `L`. Each legend shown is kept (keyed by its content and language),
   *  the others hidden with `content-visibility: hidden`, which keeps their layout: switching
   *  back to a layer shows its legend without building or laying it out again
   *  (docs/performance.md §5). */
  _renderLegend(L = this.map.legend()) {
    const key = `${this.lang}|${JSON.stringify(L)}`;
    let box = this._legends.get(key);
    if (!box) {
      box = this._buildLegend(L);
      this._legends.set(key, box);
      this.$.legend.append(box);
      // A few layers × two languages; the oldest one goes (never the one just built).
      if (this._legends.size > 16) { const [k, old] = this._legends.entries().next().value; this._legends.delete(k); old.remove(); }
    }
    if (this._legendBox !== box) {
      this._legendBox?.classList.add('off');
      box.classList.remove('off');
      this._legendBox = box;
    }
    for (const li of box.querySelectorAll('li')) {
      const pressed = String(this.highlight === li.dataset.level);
      if (li.firstChild.getAttribute('aria-pressed') !== pressed) li.firstChild.setAttribute('aria-pressed', pressed);
    }
    // Written only when they change: writing the same text would still lay out the header.
    const b = this.$.badge, t = this.t('schematicBadge');
    if (b.hidden !== !L.schematic) b.hidden = !L.schematic;
    if (b.textContent !== t) b.textContent = t;
  }

  /** One legend panel's content: title, classes (buttons that highlight a class) or ramp,
   *  and the notes. */
  _buildLegend(L) {
    const en = this.lang === 'en';
    const box = document.createElement('div');
    box.className = 'off';
    const h = document.createElement('h3');
    h.textContent = `${this.t('legend')} · ${en ? L.title_en : L.title_zh}`;
    box.append(h);
    if (L.is_ramp) {
      const ramp = document.createElement('div');
      ramp.className = 'ramp';
      ramp.style.background = `linear-gradient(to right, ${L.rows.slice().reverse().map((r) => r.color).join(', ')})`;
      const labels = document.createElement('div');
      labels.className = 'ramp-labels';
      const lo = document.createElement('span'); lo.textContent = L.rows[L.rows.length - 1].range;
      const hi = document.createElement('span'); hi.textContent = L.rows[0].range;
      labels.append(lo, hi);
      box.append(ramp, labels);
    } else {
      const ul = document.createElement('ul');
      for (const r of L.rows) {
        const li = document.createElement('li');
        li.dataset.level = r.level;
        // A real button inside the list item (a list may only hold list items).
        const btn = document.createElement('button');
        btn.type = 'button';
        const sw = document.createElement('span'); sw.className = 'sw'; sw.style.background = r.color;
        const tx = document.createElement('span');
        tx.textContent = `${en ? r.label_en : r.label_zh} · ${en ? r.range_en : r.range} (${r.count})`;
        btn.append(sw, tx);
        li.append(btn);
        li.addEventListener('click', () => {
          this.highlight = this.highlight === r.level ? null : r.level;
          this.map.setHighlightLevel(this.highlight);
          this._renderLegend();
          this.render();
          btn.focus();
        });
        ul.append(li);
      }
      box.append(ul);
      const hint = document.createElement('div'); hint.className = 'note'; hint.textContent = this.t('levelLegendHint');
      box.append(hint);
    }
    const note = document.createElement('div');
    note.className = 'note';
    note.textContent = `${en ? L.note_en + '. ' : L.note_zh + '。'}${this.t('hazardNotLoss')}`;
    box.append(note);
    if (L.schematic) {
      const s = document.createElement('div'); s.className = 'note'; s.textContent = this.t('schematicNote');
      box.append(s);
    }
    const a = document.createElement('div'); a.className = 'note'; a.textContent = L.attribution;
    box.append(a);
    return box;
  }

  /** The map table: now if shown, else when idle (it stays the canvas's description). */
  _renderTable() {
    if (!this.map) return;
    if (!this.$.tableWrap.hidden) { this._buildTable(); return; }
    if (this._tableIdle) return;
    const later = window.requestIdleCallback ?? ((f) => setTimeout(f, 50));
    this._tableIdle = later(() => { if (this._tableIdle) this._buildTable(); }, { timeout: 500 });
  }

  /** The table from the last refresh's rows and legend (no wasm call: also the crash fallback). */
  _buildTable() {
    this._tableIdle = 0;
    const L = this._legend;
    if (!L) return;
    const en = this.lang === 'en';
    const tb = this.$.table;
    tb.innerHTML = '';
    const cap = document.createElement('caption');
    cap.className = 'sr-only';
    cap.textContent = en ? L.title_en : L.title_zh;
    const thead = document.createElement('thead');
    const hr = document.createElement('tr');
    for (const k of [this.t('code'), this.t('town'), `${en ? L.title_en : L.title_zh}`, this.t('level')]) {
      const th = document.createElement('th'); th.scope = 'col'; th.textContent = k; hr.append(th);
    }
    thead.append(hr);
    const tbody = document.createElement('tbody');
    for (const r of this.rows) {
      const tr = document.createElement('tr');
      tr.dataset.code = r.code;
      if (r.code === this.selected) tr.className = 'sel';
      const c1 = document.createElement('td'); c1.textContent = r.code;
      const c2 = document.createElement('td'); c2.textContent = en ? r.name_en : r.name_zh;
      const c3 = document.createElement('td'); c3.className = 'num'; c3.textContent = r.display;
      const c4 = document.createElement('td');
      const sw = document.createElement('span'); sw.className = 'sw-inline'; sw.style.background = r.color;
      c4.append(sw, document.createTextNode((en ? r.level_en : r.level_zh) ?? '—'));
      tr.append(c1, c2, c3, c4);
      tbody.append(tr);
    }
    tb.append(cap, thead, tbody);
  }

  _toggleTable() {
    const show = this.$.tableWrap.hidden;
    this.$.tableWrap.hidden = !show;
    this.$.stage.hidden = show;
    this.$.btnTable.setAttribute('aria-pressed', String(show));
    this.$.btnTable.textContent = show ? this.t('mapView') : this.t('tableView');
    if (show) this._buildTable(); else this.render();
  }

  _observeSize() {
    this._ro?.disconnect();
    this._ro = new ResizeObserver((entries) => {
      const r = entries[entries.length - 1].contentRect;
      const box = r.width > 0 && r.height > 0 ? { width: r.width, height: r.height } : null;
      const same = box && this._drawnBox && box.width === this._drawnBox.width && box.height === this._drawnBox.height;
      this._box = box;
      if (!same) this._scheduleRender();
    });
    this._ro.observe(this.$.stage);
    // Browser zoom and moving to another screen change devicePixelRatio.
    const watch = () => {
      this._mq?.removeEventListener?.('change', this._onDpr);
      this._mq = matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
      this._onDpr = () => { watch(); this._scheduleRender(); };
      this._mq.addEventListener?.('change', this._onDpr);
    };
    watch();
  }

  _scheduleRender() {
    if (this._renderQueued) return;
    this._renderQueued = true;
    requestAnimationFrame(() => { this._renderQueued = false; if (this.view === 'map') this.render(); });
  }

  _onPointer(e) {
    // At most one hit-test per animation frame.
    this._pendingPointer = { x: e.offsetX, y: e.offsetY };
    if (this._raf) return;
    this._raf = requestAnimationFrame(() => {
      this._raf = 0;
      const p = this._pendingPointer;
      if (!p || !this.map) return;
      const code = this.map.districtAt(p.x, p.y);
      if (code) this._showTooltip(code, p.x, p.y); else this._hideTooltip();
      this._hover(code ?? null);
    });
  }

  _hover(code) {
    if (code === this._hoverCode) return;
    this._hoverCode = code;
    this.$.canvas.style.cursor = code ? 'pointer' : 'default';
    const row = code ? this.rows.find((r) => r.code === code) : null;
    this._emit('district-hover', row ? { ...row } : null);
  }

  /** Click or tap: selects the town and shows its values (no hover-only information). */
  _onClick(e) {
    if (!this.map) return;
    const code = this.map.districtAt(e.offsetX, e.offsetY);
    try { this._guard(() => this._select(code ?? null)); } catch (_) { return; }
    if (code) this._showTooltip(code, e.offsetX, e.offsetY); else this._hideTooltip();
  }

  _select(code) {
    this.map.setSelected(code);
    this.selected = code;
    const i = this.rows.findIndex((r) => r.code === code);
    if (i >= 0) this.focusIndex = i;
    this.render();
    const row = code ? this.rows.find((r) => r.code === code) : null;
    if (row) this._announce(row, true);
    this._emit('district-select', row ? { ...row, layer: this.map.layerId() } : null);
  }

  _onKey(e) {
    if (!this.rows.length) return;
    const n = this.rows.length;
    let i = this.focusIndex;
    switch (e.key) {
      case 'ArrowRight': case 'ArrowDown': i = (i + 1 + n) % n; break;
      case 'ArrowLeft': case 'ArrowUp': i = (i - 1 + n) % n; break;
      case 'Home': i = 0; break;
      case 'End': i = n - 1; break;
      case 'Enter': case ' ':
        e.preventDefault();
        if (i >= 0) { try { this._guard(() => this._select(this.rows[i].code)); } catch (_) { /* shown */ } }
        return;
      case 'Escape': this._hideTooltip(); return;
      default: return;
    }
    e.preventDefault();
    this._focusIndex(i);
  }

  _focusIndex(i) {
    this.focusIndex = i;
    const row = this.rows[i];
    this.map.setFocused(row.code);
    this.render();
    const [x, y] = this.map.toCss(row.seat_lon, row.seat_lat);
    this._showTooltip(row.code, x, y);
    this._announce(row, false);
  }

  _describe(row) {
    const L = this.map.legend();
    const en = this.lang === 'en';
    const level = en ? row.level_en : row.level_zh;
    return `${en ? row.name_en : row.name_zh}: ${en ? L.title_en : L.title_zh} ${row.display}${level ? (en ? ` (${level})` : `（${level}）`) : ''}`;
  }

  _announce(row, selected) {
    this.$.live.textContent = (selected ? this.t('selected') + ' ' : '') + this._describe(row);
  }

  _showTooltip(code, x, y) {
    const row = this.rows.find((r) => r.code === code);
    if (!row) return;
    const tip = this.$.tooltip;
    const L = this.map.legend();
    const en = this.lang === 'en';
    tip.innerHTML = '';
    const b = document.createElement('b'); b.textContent = en ? row.name_en : row.name_zh;
    const sub = document.createElement('div'); sub.className = 'sub'; sub.textContent = en ? row.name_zh : row.name_en;
    const v = document.createElement('div');
    const level = en ? row.level_en : row.level_zh;
    v.textContent = `${en ? L.title_en : L.title_zh}: ${row.display}${level ? ` · ${level}` : ''}`;
    tip.append(b, sub, v);
    tip.hidden = false;
    const sw = this.$.stage.clientWidth;
    const tw = tip.offsetWidth;
    tip.style.left = `${Math.min(Math.max(4, x + 14), sw - tw - 4)}px`;
    tip.style.top = `${Math.max(4, y + 14)}px`;
    tip.dataset.code = code;
  }

  _hideTooltip() { if (this.$) this.$.tooltip.hidden = true; }

  _download(blob, name) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    this.shadowRoot.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }
}

if (!customElements.get('zs-risk-map')) customElements.define('zs-risk-map', ZsRiskMap);
