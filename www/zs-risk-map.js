// <zs-risk-map>: the embeddable widget. Plain ES module, no bundler.
//
//   <script type="module" src="/widgets/zs-risk-map/zs-risk-map.js"></script>
//   <zs-risk-map layer="surge" lang="zh-CN"></zs-risk-map>
//
// Attributes: layer (risk layer id), lang (zh-CN | en), view (map | typhoon | payout |
// premium | pricing), briefing (present → larger type).
// JS API: loadDistricts(geojson, {crs, attribution}), loadDistrictsFromUrl(url, opts),
// useBuiltinDistricts(), setLayer(id), selectDistrict(code), layers, districts.
// Events: ready, district-hover, district-select, layer-change, error {code, message, fatal}.
//
// Every error from wasm is a JS Error named RiskMapError with a stable `code`. Bad input is
// shown in the widget and the last good state is kept; a panic poisons the module and the
// element shows its crash panel with the table of the last good numbers.
import { t, langKey } from './i18n.js';

const PKG = new URL('./pkg/zs_risk_map.js', import.meta.url);
const WASM = new URL('./pkg/zs_risk_map_bg.wasm', import.meta.url);
let modulePromise = null;

/** Loads and instantiates the wasm module once per page (memoised). */
export function loadWasm() {
  if (!modulePromise) {
    modulePromise = import(PKG.href).then(async (m) => {
      await m.default({ module_or_path: WASM });
      return m;
    });
  }
  return modulePromise;
}

const VIEWS = ['map', 'typhoon', 'payout', 'premium', 'pricing'];
/** View modules shipped in www/views/ (each registers itself in viewRegistry). */
const VIEW_MODULES = ['typhoon', 'payout', 'premium', 'pricing'];
let viewsPromise = null;
function loadViews() {
  if (!viewsPromise) viewsPromise = Promise.all(VIEW_MODULES.map((n) => import(new URL(`./views/${n}.js`, import.meta.url).href)));
  return viewsPromise;
}
const VIEW_LABEL = { map: 'tabMap', typhoon: 'tabTyphoon', payout: 'tabPayout', premium: 'tabPremium', pricing: 'tabPricing' };
/** View modules register here: name → async (element) => controller {activate, deactivate, render, tooltip} */
export const viewRegistry = new Map();

const STYLE = `
:host { display: block; font-family: 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif;
  color: #1a2333; --accent: #1565c0; --border: #d5dbe3; min-height: 420px; }
:host([briefing]) { font-size: 1.25em; }
* { box-sizing: border-box; }
.root { display: flex; flex-direction: column; height: 100%; border: 1px solid var(--border); border-radius: 8px; background: #fff; overflow: hidden; }
header { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; padding: 8px 12px; border-bottom: 1px solid var(--border); background: #f8fafc; }
h2 { font-size: 1.05em; margin: 0; font-weight: 600; }
.badge { display: inline-block; margin-left: 6px; padding: 1px 6px; font-size: .75em; border-radius: 4px; background: #fff3cd; border: 1px solid #e0c36a; color: #6b5200; vertical-align: middle; }
.tabs { display: flex; gap: 2px; }
.tabs button { border: 1px solid transparent; background: none; padding: 4px 10px; border-radius: 6px; cursor: pointer; font: inherit; color: #3b4656; }
.tabs button[aria-selected="true"] { background: #fff; border-color: var(--border); color: var(--accent); font-weight: 600; }
.tools { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-left: auto; }
.tools button, .tools select { font: inherit; font-size: .9em; padding: 3px 8px; border: 1px solid var(--border); border-radius: 6px; background: #fff; cursor: pointer; }
.error { margin: 8px 12px 0; padding: 8px 12px; border: 1px solid #e0a0a0; background: #fdecec; border-radius: 6px; color: #7a1414; display: flex; gap: 12px; align-items: flex-start; }
.error[hidden] { display: none; }
.error .msg { flex: 1; white-space: pre-wrap; word-break: break-word; }
.error code { font-size: .85em; background: #f7d4d4; padding: 0 4px; border-radius: 3px; }
.body { flex: 1; display: flex; min-height: 0; }
.view { flex: 1; display: flex; min-height: 0; min-width: 0; }
.view[hidden] { display: none; }
.stage { position: relative; flex: 1; min-width: 0; min-height: 360px; }
.stage canvas { position: absolute; inset: 0; width: 100%; height: 100%; outline: none; }
.stage canvas:focus-visible { box-shadow: inset 0 0 0 3px var(--accent); }
.tooltip { position: absolute; pointer-events: none; background: rgba(255,255,255,.97); border: 1px solid #9aa5b4; border-radius: 6px; padding: 6px 8px; font-size: .85em; box-shadow: 0 2px 8px rgba(0,0,0,.15); max-width: 300px; z-index: 2; }
.tooltip[hidden] { display: none; }
.tooltip b { font-size: 1.05em; }
.tooltip .sub { color: #5a6575; }
aside.panel { width: 250px; flex: none; border-left: 1px solid var(--border); padding: 10px 12px; overflow: auto; font-size: .9em; }
.legend h3 { font-size: 1em; margin: 0 0 6px; }
.legend ul { list-style: none; padding: 0; margin: 0; }
.legend li { display: flex; gap: 8px; align-items: center; padding: 3px 4px; border-radius: 4px; cursor: pointer; }
.legend li[aria-pressed="true"] { background: #e8f0fb; outline: 1px solid var(--accent); }
.legend .sw { width: 20px; height: 14px; border: 1px solid #888; flex: none; }
.legend .ramp { height: 12px; border: 1px solid #888; margin: 4px 0; }
.legend .ramp-labels { display: flex; justify-content: space-between; font-size: .85em; color: #444; }
.note { color: #5a6575; font-size: .85em; margin-top: 8px; line-height: 1.45; }
table.data { border-collapse: collapse; width: 100%; font-size: .88em; }
table.data th, table.data td { border-bottom: 1px solid #e3e7ec; padding: 4px 6px; text-align: left; }
table.data td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.data tr.sel { background: #e8f0fb; }
.tablewrap { flex: 1; overflow: auto; padding: 8px 12px; }
.tablewrap[hidden] { display: none; }
footer { padding: 4px 12px; font-size: .78em; color: #5a6575; border-top: 1px solid var(--border); display: flex; gap: 12px; flex-wrap: wrap; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.fatal { padding: 16px; }
.fatal[hidden] { display: none; }
.sw-inline { display: inline-block; width: 10px; height: 10px; border: 1px solid #888; margin-right: 4px; vertical-align: middle; }
`;

/** Error object → {code, message} (RiskMapError has a code; anything else is INVALID_INPUT). */
function errorInfo(e) {
  return { code: e && e.code ? e.code : (e && e.name === 'RuntimeError' ? 'PANIC' : 'INVALID_INPUT'), message: e && e.message ? e.message : String(e) };
}

export class ZsRiskMap extends HTMLElement {
  static get observedAttributes() { return ['layer', 'lang', 'view', 'briefing']; }

  constructor() {
    super();
    this.state = 'idle'; // idle → loading → ready | failed
    this.wasm = null;
    this.map = null;
    this.focusIndex = -1;
    this.selected = null;
    this.highlight = null;
    this.rows = [];
    this.views = new Map();
    this._raf = 0;
    this._pendingPointer = null;
    this.attachShadow({ mode: 'open' });
  }

  get lang() { return langKey(this.getAttribute('lang') || 'zh-CN'); }
  get t() { return (k) => t(this.lang, k); }
  /** Current view name. */
  get view() { const v = this.getAttribute('view') || 'map'; return VIEWS.includes(v) ? v : 'map'; }

  connectedCallback() {
    if (this.state !== 'idle') return;
    this.state = 'loading';
    this._build();
    this._init();
  }

  disconnectedCallback() {
    this._ro?.disconnect();
    this._mq?.removeEventListener?.('change', this._onDpr);
    for (const v of this.views.values()) v.destroy?.();
    try { this.map?.free(); } catch (_) { /* already freed or poisoned */ }
    this.map = null;
    this.state = 'idle';
  }

  attributeChangedCallback(name, oldV, newV) {
    if (this.state !== 'ready' || oldV === newV) return;
    if (name === 'lang') this._applyLang();
    else if (name === 'layer' && newV) this.setLayer(newV).catch(() => {});
    else if (name === 'view') this._showView();
    else if (name === 'briefing') { this.map.setTypeScale(this.hasAttribute('briefing') ? 1.4 : 1.0); this.render(); }
  }

  _build() {
    const s = this.shadowRoot;
    s.innerHTML = `<style>${STYLE}</style>
<div class="root" part="root">
  <header>
    <h2><span class="title"></span><span class="badge" hidden></span></h2>
    <nav class="tabs" role="tablist"></nav>
    <div class="tools">
      <label class="layer-label"><span class="l-layer"></span> <select class="layer-select"></select></label>
      <button class="btn-table" type="button" aria-pressed="false"></button>
      <button class="btn-png" type="button"></button>
      <button class="btn-svg" type="button"></button>
      <button class="btn-csv" type="button"></button>
      <button class="btn-lang" type="button"></button>
    </div>
  </header>
  <div class="error" role="alert" hidden><div class="msg"></div><button type="button" class="btn-dismiss"></button></div>
  <div class="fatal" hidden></div>
  <div class="body">
    <section class="view view-map" data-view="map">
      <div class="stage">
        <canvas role="img" tabindex="0"></canvas>
        <div class="tooltip" hidden></div>
      </div>
      <div class="tablewrap" hidden><table class="data map-table"></table></div>
      <aside class="panel legend"></aside>
    </section>
  </div>
  <div class="live sr-only" aria-live="polite"></div>
  <footer><span class="hint"></span><span class="status"></span></footer>
</div>`;
    const q = (sel) => s.querySelector(sel);
    this.$ = {
      title: q('.title'), badge: q('.badge'), tabs: q('.tabs'), layerSelect: q('.layer-select'), lLayer: q('.l-layer'),
      btnTable: q('.btn-table'), btnPng: q('.btn-png'), btnSvg: q('.btn-svg'), btnCsv: q('.btn-csv'), btnLang: q('.btn-lang'),
      error: q('.error'), errorMsg: q('.error .msg'), btnDismiss: q('.btn-dismiss'), fatal: q('.fatal'),
      body: q('.body'), stage: q('.view-map .stage'), canvas: q('.view-map canvas'), tooltip: q('.view-map .tooltip'),
      tableWrap: q('.view-map .tablewrap'), table: q('.map-table'), legend: q('.legend'), live: q('.live'),
      hint: q('.hint'), status: q('.status'), mapView: q('.view-map'),
    };
    this.$.layerSelect.addEventListener('change', () => this.setLayer(this.$.layerSelect.value).catch(() => {}));
    this.$.btnLang.addEventListener('click', () => this.setAttribute('lang', this.lang === 'en' ? 'zh-CN' : 'en'));
    this.$.btnTable.addEventListener('click', () => this._toggleTable());
    this.$.btnDismiss.addEventListener('click', () => { this.$.error.hidden = true; });
    this.$.btnSvg.addEventListener('click', () => this.exportSvg());
    this.$.btnPng.addEventListener('click', () => this.exportPng());
    this.$.btnCsv.addEventListener('click', () => this.exportCsv());
    const c = this.$.canvas;
    c.addEventListener('pointermove', (e) => this._onPointer(e));
    c.addEventListener('pointerleave', () => { this._pendingPointer = null; this._hideTooltip(); this._hover(null); });
    c.addEventListener('click', (e) => this._onClick(e));
    c.addEventListener('keydown', (e) => this._onKey(e));
    c.addEventListener('focus', () => { if (this.focusIndex < 0 && this.rows.length) this._focusIndex(0); });
    c.addEventListener('blur', () => { this._hideTooltip(); });
  }

  async _init() {
    try {
      this.wasm = await loadWasm();
      await loadViews();
      this.map = new this.wasm.RiskMap(this.$.canvas);
      if (this.hasAttribute('briefing')) this.map.setTypeScale(1.4);
      const layer = this.getAttribute('layer');
      if (layer) { try { this.map.setLayer(layer); } catch (e) { this._showError(e); } }
      this.state = 'ready';
      this._applyLang(false);
      this._refreshLayers();
      this._observeSize();
      this.render();
      this._showView();
      this.dispatchEvent(new CustomEvent('ready', { detail: { version: this.wasm.version() } }));
    } catch (e) {
      this.state = 'failed';
      const info = errorInfo(e);
      const code = info.code === 'INVALID_INPUT' ? 'WASM_LOAD_FAILED' : info.code;
      this._showFatal(code, info.message);
      this.dispatchEvent(new CustomEvent('error', { detail: { code, message: info.message, fatal: true } }));
    }
  }

  // ---- public API -------------------------------------------------------------------

  /** The wasm module's exports (for views and tests). */
  async module() { return loadWasm(); }

  /** Layers available for the loaded districts: [{id, title_zh, title_en, unit, kind}]. */
  get layers() { return this.map ? this.map.layers() : []; }

  /** Rows of the current layer: [{code, name_zh, name_en, value, display, level, color…}]. */
  get districts() { return this.rows.slice(); }

  /**
   * Loads district boundaries: GeoJSON text or object; opts.crs 'WGS84' (default) or
   * 'GCJ02'; opts.attribution shown on the map. Rejects with a RiskMapError on bad input and
   * keeps the current map, showing the error in the widget.
   */
  async loadDistricts(geojson, opts = {}) {
    await this._ready();
    const text = typeof geojson === 'string' ? geojson : JSON.stringify(geojson);
    return this._guard(() => {
      const summary = this.map.loadGeoJson(text, opts.crs || 'WGS84', opts.attribution ?? null);
      this._afterDistrictsChanged();
      return summary;
    });
  }

  /** Fetches GeoJSON from a URL, then as loadDistricts. */
  async loadDistrictsFromUrl(url, opts = {}) {
    let text;
    try {
      const r = await fetch(url);
      if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
      text = await r.text();
    } catch (e) {
      const err = Object.assign(new Error(String(e.message || e)), { name: 'RiskMapError', code: 'FETCH_FAILED' });
      this._showError(err);
      throw err;
    }
    return this.loadDistricts(text, opts);
  }

  /** Returns to the built-in schematic layer. */
  async useBuiltinDistricts() {
    await this._ready();
    return this._guard(() => { const s = this.map.useBuiltin(); this._afterDistrictsChanged(); return s; });
  }

  /** Switches the risk layer (see `layers`). Rejects with INVALID_INPUT for an unknown id. */
  async setLayer(id) {
    await this._ready();
    return this._guard(() => {
      this.map.setLayer(id);
      this.highlight = null;
      this.map.setHighlightLevel(null);
      if (this.getAttribute('layer') !== id) this.setAttribute('layer', id);
      this._refreshLayers();
      this.render();
      this.dispatchEvent(new CustomEvent('layer-change', { detail: { layer: id } }));
    });
  }

  /** Selects a district by code (or null) as a click would, and emits district-select. */
  async selectDistrict(code) {
    await this._ready();
    return this._guard(() => this._select(code));
  }

  /** Redraws at the current size and devicePixelRatio. */
  render() {
    if (this.state !== 'ready' || !this.map) return;
    const c = this.$.canvas;
    const rect = this.$.stage.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(rect.width * dpr));
    const h = Math.max(1, Math.round(rect.height * dpr));
    if (c.width !== w) c.width = w;
    if (c.height !== h) c.height = h;
    try {
      this.map.render(dpr);
    } catch (e) { this._showError(e); }
    this.dpr = dpr;
    this._renderTable();
  }

  exportSvg() {
    if (!this.map) return;
    const svg = this.map.toSvg(1200, 800);
    this._download(new Blob([svg], { type: 'image/svg+xml' }), `zhongshan-${this.map.layerId()}.svg`);
  }

  exportPng() {
    if (!this.map) return;
    const dpr = window.devicePixelRatio || 1;
    const c = document.createElement('canvas');
    c.width = Math.round(1200 * dpr); c.height = Math.round(800 * dpr);
    try { this.map.renderExport(c, dpr); } catch (e) { this._showError(e); return; }
    c.toBlob((b) => b && this._download(b, `zhongshan-${this.map.layerId()}.png`), 'image/png');
  }

  /** CSV of the table (UTF-8 with BOM, CRLF), from the crate's one injection-safe CSV writer. */
  tableCsv() {
    return this.map.tableCsv(this.lang);
  }

  exportCsv() {
    if (!this.map) return;
    this._download(new Blob([this.tableCsv()], { type: 'text/csv;charset=utf-8' }), `zhongshan-${this.map.layerId()}.csv`);
  }

  // ---- internals -----------------------------------------------------------------------

  async _ready() {
    if (this.state === 'ready') return;
    if (this.state === 'failed') throw Object.assign(new Error('widget failed to load'), { name: 'RiskMapError', code: 'WASM_LOAD_FAILED' });
    await new Promise((ok, fail) => {
      const onReady = () => { cleanup(); ok(); };
      const onErr = (e) => { if (e.detail?.fatal) { cleanup(); fail(Object.assign(new Error(e.detail.message), { code: e.detail.code })); } };
      const cleanup = () => { this.removeEventListener('ready', onReady); this.removeEventListener('error', onErr); };
      this.addEventListener('ready', onReady);
      this.addEventListener('error', onErr);
    });
  }

  /** Runs fn; on error shows it, emits `error`, and rethrows. A wasm trap poisons the widget. */
  _guard(fn) {
    try {
      const r = fn();
      this.$.error.hidden = true;
      return r;
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError || this.wasm?.isPoisoned?.()) {
        this._poisoned(e);
      } else {
        this._showError(e);
      }
      throw e;
    }
  }

  _poisoned(e) {
    const msg = this.wasm?.lastPanic?.() || String(e && e.message || e);
    this.state = 'failed';
    try { this.map?.free(); } catch (_) { /* poisoned */ }
    this.map = null;
    this._showFatal('PANIC', msg);
    this.dispatchEvent(new CustomEvent('error', { detail: { code: 'PANIC', message: msg, fatal: true } }));
  }

  _showError(e) {
    const { code, message } = errorInfo(e);
    this.$.errorMsg.innerHTML = '';
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
    this.dispatchEvent(new CustomEvent('error', { detail: { code, message, fatal: false } }));
  }

  _showFatal(code, message) {
    const f = this.$.fatal;
    f.hidden = false;
    f.innerHTML = '';
    const h = document.createElement('h3');
    h.textContent = `${this.t('fatalTitle')} (${code})`;
    const p = document.createElement('p');
    p.textContent = message;
    const b = document.createElement('button');
    b.textContent = this.t('reload');
    b.addEventListener('click', () => location.reload());
    f.append(h, p, b);
    // The table of the last good numbers stays as the fallback.
    this.$.tableWrap.hidden = false;
    this.$.stage.hidden = true;
  }

  _applyLang(rerender = true) {
    const $ = this.$;
    $.title.textContent = this.t('appTitle');
    $.lLayer.textContent = this.t('layer');
    $.btnLang.textContent = this.t('language');
    $.btnLang.setAttribute('aria-label', this.lang === 'en' ? '切换到中文' : 'Switch to English');
    $.btnTable.textContent = $.tableWrap.hidden ? this.t('tableView') : this.t('mapView');
    $.btnPng.textContent = this.t('exportPng');
    $.btnSvg.textContent = this.t('exportSvg');
    $.btnCsv.textContent = this.t('exportCsv');
    $.canvas.setAttribute('aria-label', this.t('mapLabel'));
    $.hint.textContent = this.t('keyboardHint');
    this.shadowRoot.host.setAttribute('aria-label', this.t('appTitle'));
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
    tabs.innerHTML = '';
    const available = VIEWS.filter((v) => v === 'map' || viewRegistry.has(v));
    if (available.length < 2) { tabs.hidden = true; return; }
    tabs.hidden = false;
    for (const v of available) {
      const b = document.createElement('button');
      b.type = 'button';
      b.setAttribute('role', 'tab');
      b.dataset.view = v;
      b.setAttribute('aria-selected', String(v === this.view));
      b.textContent = this.t(VIEW_LABEL[v]);
      b.addEventListener('click', () => this.setAttribute('view', v));
      tabs.append(b);
    }
  }

  async _showView() {
    const name = this.view;
    this._renderTabs();
    const isMap = name === 'map';
    this.$.mapView.hidden = !isMap;
    for (const el of this.shadowRoot.querySelectorAll('.layer-label, .btn-table, .btn-png, .btn-svg, .btn-csv')) el.hidden = !isMap;
    for (const [n, v] of this.views) { if (n !== name) v.deactivate?.(); }
    if (isMap) { this.render(); return; }
    const factory = viewRegistry.get(name);
    if (!factory) return;
    let v = this.views.get(name);
    if (!v) {
      const section = document.createElement('section');
      section.className = `view view-${name}`;
      section.dataset.view = name;
      this.$.body.append(section);
      try {
        v = await factory(this, section);
      } catch (e) { this._showError(e); return; }
      this.views.set(name, v);
    }
    for (const s of this.shadowRoot.querySelectorAll('section.view')) s.hidden = s.dataset.view !== name;
    v.activate?.();
  }

  _refreshLayers() {
    const sel = this.$.layerSelect;
    const current = this.map.layerId();
    sel.innerHTML = '';
    for (const l of this.map.layers()) {
      const o = document.createElement('option');
      o.value = l.id;
      o.textContent = this.lang === 'en' ? l.title_en : l.title_zh;
      if (l.id === current) o.selected = true;
      sel.append(o);
    }
    this.rows = this.map.districts();
    this._renderLegend();
  }

  _afterDistrictsChanged() {
    this.focusIndex = -1;
    this.selected = null;
    this.highlight = null;
    this._refreshLayers();
    this.render();
  }

  _renderLegend() {
    const L = this.map.legend();
    const en = this.lang === 'en';
    const box = this.$.legend;
    box.innerHTML = '';
    const h = document.createElement('h3');
    h.textContent = `${this.t('legend')} · ${en ? L.title_en : L.title_zh}`;
    box.append(h);
    this.$.badge.hidden = !L.schematic;
    this.$.badge.textContent = this.t('schematicBadge');
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
        li.setAttribute('role', 'button');
        li.tabIndex = 0;
        li.dataset.level = r.level;
        li.setAttribute('aria-pressed', String(this.highlight === r.level));
        const sw = document.createElement('span'); sw.className = 'sw'; sw.style.background = r.color;
        const tx = document.createElement('span');
        const n = this.rows.filter((x) => x.level === r.level).length;
        tx.textContent = `${en ? r.label_en : r.label_zh} · ${en ? r.range_en : r.range} (${n})`;
        li.append(sw, tx);
        const toggle = () => {
          this.highlight = this.highlight === r.level ? null : r.level;
          this.map.setHighlightLevel(this.highlight);
          this._renderLegend();
          this.render();
        };
        li.addEventListener('click', toggle);
        li.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); } });
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
  }

  _renderTable() {
    const L = this.map ? this.map.legend() : null;
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
    if (!show) this.render();
  }

  _observeSize() {
    this._ro = new ResizeObserver(() => this._scheduleRender());
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
    this.dispatchEvent(new CustomEvent('district-hover', { detail: row ? { ...row } : null }));
  }

  _onClick(e) {
    if (!this.map) return;
    const code = this.map.districtAt(e.offsetX, e.offsetY);
    this._guard(() => this._select(code ?? null));
  }

  _select(code) {
    this.map.setSelected(code);
    this.selected = code;
    const i = this.rows.findIndex((r) => r.code === code);
    if (i >= 0) this.focusIndex = i;
    this.render();
    const row = code ? this.rows.find((r) => r.code === code) : null;
    if (row) this._announce(row, true);
    this.dispatchEvent(new CustomEvent('district-select', { detail: row ? { ...row, layer: this.map.layerId() } : null }));
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
        if (i >= 0) this._guard(() => this._select(this.rows[i].code));
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

  _hideTooltip() { this.$.tooltip.hidden = true; }

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
