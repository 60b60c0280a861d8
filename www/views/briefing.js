// Council briefing (issue 11, UI half): the shareable scenario state (`el.scenario`, the
// opt-in `share-state` URL hash), the regional map pane (zoom and pan by wheel, drag, pinch
// and keys, one draw per animation frame), presentation mode (fullscreen, projector type
// scale, one-line caption, high-contrast palette, the warning-signal rules) and the one-page
// 简报 (A4 landscape print, PNG, SVG). docs/briefing.md §7.
//
// No inline styles or scripts (CSP): styles are constructable sheets, positions go through
// the CSSOM.
import { formatCny } from '../i18n.js';
import { fitCanvas, styleSheet } from './common.js';
import { h, tableData } from './view-kit.js';
import '../i18n-views.js'; // the briefing strings (split from i18n.js)
import { sheetDom, sheetPng, sheetSvg } from '../sheet.js';

// ---- shareable state --------------------------------------------------------------------

import { WHAT_IF, defaultScenario, parseScenario } from './scenario.js';

export { WHAT_IF, defaultScenario, parseScenario };
const WHAT_IF_UNIT = { shift_east_km: 'km', shift_north_km: 'km', rotate_deg: '°', dp_hpa: 'hPa', rmw_factor: '×', speed_factor: '×' };

/** The element's shared scenario state (created on first use, from the default). */
export function shared(el) {
  if (!el._shared) el._shared = defaultScenario();
  return el._shared;
}

/** Records a change made by a control: merges `patch` into the shared state and mirrors it
 *  into the URL hash when the element has `share-state`. Other fields are left alone, so
 *  one control never resets another. */
export function updateShared(el, patch) {
  Object.assign(shared(el), patch);
  writeHash(el);
}

const HASH_KEY = 'zs=';
/** Writes the hash 150 ms after the last change: a dragged slider changes the state every
 *  frame, and browsers throttle (and then drop) history updates faster than ~20 per second. */
function writeHash(el) {
  if (!el.hasAttribute('share-state') || el._applyingHash) return;
  clearTimeout(el._hashTimer);
  el._hashTimer = setTimeout(() => {
    if (!el.isConnected || !el.hasAttribute('share-state')) return;
    const hash = `#${HASH_KEY}${encodeURIComponent(JSON.stringify(el.scenario))}`;
    if (location.hash !== hash) history.replaceState(history.state, '', hash);
  }, 150);
}

function readHash() {
  const i = location.hash.indexOf(HASH_KEY);
  if (i < 0) return null;
  try { return decodeURIComponent(location.hash.slice(i + HASH_KEY.length)); } catch (_) { return null; }
}

/** Adds `el.scenario` (get/set JSON) and the `share-state` hash to the element class. */
export function installScenario(cls) {
  Object.defineProperty(cls.prototype, 'scenario', {
    configurable: true,
    /** The current scenario as a plain object (JSON.stringify it to share). */
    get() {
      const s = structuredClone(shared(this));
      s.view = this.view;
      s.layer = this.map ? this.map.layerId() : s.layer;
      return s;
    },
    /** Applies a scenario (object or JSON text): fields given replace the current ones, the
     *  others stay. Throws a RiskMapError naming the bad field; nothing changes on error. */
    set(v) {
      const next = parseScenario(v, shared(this));
      this._shared = next;
      if (this.state !== 'ready') { this._pendingScenario = true; return; } // applied when ready
      applyShared(this);
      writeHash(this);
    },
  });
  /** The typhoon view's controller (created when needed). */
  cls.prototype._typhoonView = async function typhoonView() {
    await this.ready;
    if (!this.views.get('typhoon')) {
      const keep = this.view;
      this.setAttribute('view', 'typhoon');
      await this._showView();
      if (keep !== 'typhoon') this.setAttribute('view', keep);
    }
    return this.views.get('typhoon');
  };
  /** The one-page 简报 as PNG (2×) — the same sheet 打印简报 prints. */
  cls.prototype.briefPng = async function briefPngBlob() {
    const v = await this._typhoonView();
    return this._guardAsync(() => sheetPng(v.briefSheet(), this._stamp(), 2));
  };
  /** The one-page 简报 as SVG. */
  cls.prototype.briefSvg = async function briefSvgBlob() {
    const v = await this._typhoonView();
    return new Blob([this._guard(() => sheetSvg(v.briefSheet(), this._stamp()))], { type: 'image/svg+xml' });
  };
  /** Builds the 简报 into the print stylesheet's box (what printing the page prints). */
  cls.prototype.prepareBrief = async function prepareBriefBox() {
    const v = await this._typhoonView();
    v.prepareBrief();
  };
  /** Mirrors the state into the hash after an element-level change (view, layer). */
  cls.prototype._sharedChanged = function sharedChanged() { shared(this).view = this.view; writeHash(this); };
  /** Called once when the element becomes ready: the hash (share-state) or the pending state. */
  cls.prototype._restoreShared = function restoreShared() {
    let explicit = this._pendingScenario === true;
    this._pendingScenario = false;
    if (this.hasAttribute('share-state')) {
      const text = readHash();
      if (text) {
        try { this._shared = parseScenario(text, shared(this)); explicit = true; } catch (e) { this._showError(e); }
      }
      if (!this._hashListener) {
        this._hashListener = () => {
          const t = readHash();
          if (!t || t === JSON.stringify(this.scenario)) return;
          try { this.scenario = t; } catch (e) { this._showError(e); }
        };
        window.addEventListener('hashchange', this._hashListener);
      }
    }
    // Without a link or a scenario set by the page, the view attribute decides the view.
    if (!explicit) shared(this).view = this.view;
    applyShared(this, false);
  };
}

/** Pushes the shared state into the element and every view that exists. */
function applyShared(el, views = true) {
  const s = shared(el);
  el._applyingHash = true;
  try {
    if (s.layer && el.map && s.layer !== el.map.layerId()) { try { el.map.setLayer(s.layer); el._refreshLayers(); } catch (e) { el._showError(e); } }
    if (s.view !== el.view) el.setAttribute('view', s.view);
    if (views) for (const v of el.views.values()) v.applyShared?.(s);
  } finally { el._applyingHash = false; }
}

/** "what-if: east +50 km, Δp −10 hPa" (or "none"), for labels that say which case was paid. */
export function whatIfLabel(w, T) {
  const parts = WHAT_IF.filter(([k, , , , d]) => w && Number(w[k]) !== d)
    .map(([k]) => `${T('briefing.wi.' + k)} ${Number(w[k]) > 0 && WHAT_IF_UNIT[k] !== '×' ? '+' : ''}${w[k]}${WHAT_IF_UNIT[k] === '×' ? '×' : ' ' + WHAT_IF_UNIT[k]}`);
  return parts.length ? parts.join(', ') : T('briefing.wiNone');
}

// ---- warning signals ----------------------------------------------------------------------

/** Guangdong typhoon signal codes → English colour (never show a bare "A4"). */
export const SIGNAL_EN = { A0: 'none', A1: 'White', A2: 'Blue', A3: 'Yellow', A4: 'Orange', A5: 'Red' };
const SIGNAL_ZH = { A0: '无', A1: '白色', A2: '蓝色', A3: '黄色', A4: '橙色', A5: '红色' };
/** One-character colour (engine's `signal_zh`) → code. */
const ZH_CHAR = { '白': 'A1', '蓝': 'A2', '黄': 'A3', '橙': 'A4', '红': 'A5', '-': 'A0' };

/** A signal's display name from its code (A0…A5) or its one-character Chinese colour. */
export function signalName(codeOrZh, lang) {
  const code = SIGNAL_EN[codeOrZh] ? codeOrZh : ZH_CHAR[codeOrZh] ?? 'A0';
  if (lang === 'en') return code === 'A0' ? 'no signal' : `${SIGNAL_EN[code]} signal`;
  return code === 'A0' ? '无预警' : `${SIGNAL_ZH[code]}预警`;
}
export function signalCode(codeOrZh) { return SIGNAL_EN[codeOrZh] ? codeOrZh : ZH_CHAR[codeOrZh] ?? 'A0'; }

/** The rule each implied signal follows (src/hazard/district.rs `implied_signal_guangdong`;
 *  L_m the 2-min mean level, L_g the gust level). */
export const SIGNAL_RULES = [
  ['A1', '白色：台风可能影响本地（模拟中有风即计）', 'White: the storm may affect the area (any modelled wind)'],
  ['A2', '蓝色：平均风力 ≥ 6 级或阵风 ≥ 7 级', 'Blue: mean wind force ≥ 6 or gusts ≥ force 7'],
  ['A3', '黄色：平均风力 ≥ 8 级或阵风 ≥ 9 级', 'Yellow: mean wind force ≥ 8 or gusts ≥ force 9'],
  ['A4', '橙色：平均风力 ≥ 10 级或阵风 ≥ 11 级', 'Orange: mean wind force ≥ 10 or gusts ≥ force 11'],
  ['A5', '红色：平均风力 ≥ 12 级', 'Red: mean wind force ≥ 12'],
];

/** The signal-rules box: each colour with its rule, Chinese and English side by side. */
export function signalRulesBox(T) {
  return h('div', { class: 'sig-rules' },
    h('div', { class: 'sig-rules-title', text: T('briefing.rulesTitle') }),
    ...SIGNAL_RULES.map(([code, zh, en]) => h('div', { class: 'sig-rule' },
      h('span', { class: `sig sig-${code}`, text: SIGNAL_ZH[code] }),
      h('span', { class: 'zh', lang: 'zh-CN', text: zh }), h('span', { class: 'en', lang: 'en', text: en }))),
    h('div', { class: 'rules-note', text: T('briefing.rulesNote') }));
}

// ---- caption ------------------------------------------------------------------------------

const SHIQI = { lat: 22.517, lon: 113.383, zh: '石岐', en: 'Shiqi' };
function bearing(lat, lon, lang) {
  const dy = (lat - SHIQI.lat) * 111.2;
  const dx = (lon - SHIQI.lon) * 111.2 * Math.cos((SHIQI.lat * Math.PI) / 180);
  const km = Math.hypot(dx, dy);
  const dirs = lang === 'en' ? ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] : ['北', '东北', '东', '东南', '南', '西南', '西', '西北'];
  const a = (Math.atan2(dx, dy) * 180) / Math.PI;
  return { km, dir: dirs[Math.round(((a + 360) % 360) / 45) % 8] };
}

/**
 * The one-line caption of a playback step, built from the model: time, where the centre is
 * (from 石岐), the strongest town now with its level and implied signal.
 * step: TyphoonScenario.step(k); names: code → {zh, en}.
 */
export function captionText(step, names, lang) {
  const en = lang === 'en';
  const hhmm = step.time_bjt.slice(11, 16);
  const { km, dir } = bearing(step.lat, step.lon, lang);
  const top = [...step.districts].sort((a, b) => b.wind_2min_ms - a.wind_2min_ms)[0];
  const nm = top ? (en ? names[top.code]?.en : names[top.code]?.zh) ?? top.code : '';
  const where = en ? `centre ${Math.round(km)} km ${dir} of ${SHIQI.en}` : `中心位于${SHIQI.zh}${dir}方 ${Math.round(km)} 公里`;
  if (!top) return en ? `${hhmm} ${where}` : `${hhmm} ${where}`;
  const sig = signalName(top.signal_zh, lang);
  return en
    ? `${hhmm} ${where}; ${nm} force ${top.level} (${top.wind_2min_ms.toFixed(0)} m/s 2-min), ${sig}`
    : `${hhmm} ${where}，${nm} ${top.level} 级（2 分钟平均 ${top.wind_2min_ms.toFixed(0)} m/s），${sig}`;
}

// ---- regional map pane ----------------------------------------------------------------------

/**
 * Wires zoom and pan to a regional-map canvas: wheel, drag, two-finger pinch (pointer
 * events), keys + / − / 0 and arrows. `rm` is a RegionalMap handle; `draw()` redraws;
 * `changed(view)` records the view box. At most one draw per animation frame.
 */
export function regionalControls(canvas, rm, draw, changed) {
  let queued = 0;
  const schedule = () => {
    if (queued) return;
    queued = requestAnimationFrame(() => { queued = 0; draw(); changed(rm.view()); });
  };
  const dpr = () => Math.min(4, Math.max(0.5, window.devicePixelRatio || 1));
  const size = () => [canvas.width, canvas.height];
  const zoomAt = (xCss, yCss, f) => { const [w, hh] = size(); rm.zoomAbout(xCss * dpr(), yCss * dpr(), f, w, hh); schedule(); };
  canvas.addEventListener('wheel', (e) => {
    e.preventDefault();
    zoomAt(e.offsetX, e.offsetY, Math.exp(-Math.max(-300, Math.min(300, e.deltaY)) / 400));
  }, { passive: false });
  const pts = new Map();
  let pinch = 0;
  canvas.addEventListener('pointerdown', (e) => { canvas.setPointerCapture?.(e.pointerId); pts.set(e.pointerId, { x: e.offsetX, y: e.offsetY }); if (pts.size === 2) pinch = dist(); });
  const dist = () => { const [a, b] = [...pts.values()]; return Math.hypot(a.x - b.x, a.y - b.y); };
  canvas.addEventListener('pointermove', (e) => {
    const p = pts.get(e.pointerId);
    if (!p) return;
    const [w, hh] = size();
    if (pts.size === 1) {
      rm.panBy((e.offsetX - p.x) * dpr(), (e.offsetY - p.y) * dpr(), w, hh);
      pts.set(e.pointerId, { x: e.offsetX, y: e.offsetY });
      schedule();
    } else if (pts.size === 2) {
      pts.set(e.pointerId, { x: e.offsetX, y: e.offsetY });
      const d = dist();
      const [a, b] = [...pts.values()];
      if (pinch > 0 && d > 0) zoomAt((a.x + b.x) / 2, (a.y + b.y) / 2, d / pinch);
      pinch = d;
    }
  });
  const up = (e) => { pts.delete(e.pointerId); pinch = pts.size === 2 ? dist() : 0; };
  canvas.addEventListener('pointerup', up);
  canvas.addEventListener('pointercancel', up);
  canvas.addEventListener('keydown', (e) => {
    const [w, hh] = size();
    const step = 60 * dpr();
    const k = e.key;
    if (k === '+' || k === '=') zoomAt(w / 2 / dpr(), hh / 2 / dpr(), 1.25);
    else if (k === '-' || k === '_') zoomAt(w / 2 / dpr(), hh / 2 / dpr(), 0.8);
    else if (k === '0') { rm.reset(); schedule(); }
    else if (k.startsWith('Arrow') && !e.altKey) {
      const [dx, dy] = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] }[k];
      rm.panBy(dx, dy, w, hh);
      schedule();
    } else return;
    e.preventDefault();
    e.stopPropagation();
  });
  return { schedule, fit: () => fitCanvas(canvas) };
}

// ---- presentation ---------------------------------------------------------------------------

/** Projector type scale of the charts (the maps use `RegionalMap.projectorTypeScale()`, the
 *  same 1.75: base 10.5–12 px labels → ≥ 18 px). */
export const PROJECTOR_TYPE = 1.75;

/** Enters or leaves presentation mode: the element goes fullscreen (Fullscreen API); when
 *  the browser refuses, the `presenting-fallback` attribute makes it cover the window. */
export async function setPresenting(el, on) {
  if (on) {
    el.setAttribute('presenting', '');
    try {
      if (!document.fullscreenElement && el.requestFullscreen) await el.requestFullscreen();
      else throw new Error('no fullscreen');
    } catch (_) {
      el.setAttribute('presenting-fallback', '');
    }
  } else {
    el.removeAttribute('presenting');
    el.removeAttribute('presenting-fallback');
    if (document.fullscreenElement === el) { try { await document.exitFullscreen(); } catch (_) { /* already out */ } }
  }
}

/** Styles of the briefing features (adopted into the element's shadow root). The projector
 *  type scale: 22 px body text when presenting (chart and map text via the renderers' type
 *  scale); high contrast: black on white, heavier rules, saturated map. */
export const BRIEF_STYLE = /* css */ `
:host([presenting]) { background: #fff; }
@media print { :host { min-height: 0 !important; height: auto !important; contain: none; } }
:host([presenting-fallback]) { position: fixed; inset: 0; z-index: 2147483000; min-height: 100vh; }
:host([presenting]) .root { font-size: 22px; border-radius: 0; }
:host([presenting]) .scen { grid-template-columns: minmax(0, 1fr) 460px; }
:host([presenting]) .scen table.data { font-size: 20px; }
:host([presenting]) .scen .stage { min-height: max(560px, 70vh); }
:host([presenting]) .view-payout .scen .chart { height: 780px; }
:host([presenting]) .scen .kv dd { white-space: normal; overflow-wrap: anywhere; }
.view-typhoon .scen .stage, .view-forecast .scen .stage { min-height: max(420px, 58vh); }
.caption { display: none; font-size: 1.6em; font-weight: 700; padding: 6px 12px; border-bottom: 1px solid var(--border); background: #fffbe6; color: #1a2333; line-height: 1.3; }
:host([presenting]) .caption, .caption.on { display: block; }
.map-kind { display: inline-flex; gap: 0; }
.map-kind button[aria-pressed="true"] { background: #e8f0fb; border-color: var(--accent); font-weight: 600; }
.brief-tools { display: flex; flex-wrap: wrap; gap: 6px; margin: 6px 0; }
.sig-rules { border: 1px solid var(--border); border-radius: 6px; padding: 6px 8px; margin: 8px 0; }
.sig-rules-title { font-weight: 600; margin-bottom: 4px; }
.sig-rule { display: grid; grid-template-columns: 3em 1fr; gap: 2px 8px; align-items: start; margin: 3px 0; }
.sig-rule .en { grid-column: 2; color: var(--muted); font-size: .92em; }
.rules-note, .brief-hint { color: var(--muted); font-size: .85em; margin-top: 6px; line-height: 1.45; }
:host([high-contrast]) .root { --border: #000; --muted: #000; color: #000; }
:host([high-contrast]) .caption { background: #000; color: #fff; }
:host([high-contrast]) .scen table.data td, :host([high-contrast]) .scen table.data th { border-bottom-color: #000; }
.brief-print { display: none; }
@media print {
  .root > :not(.brief-print) { display: none !important; }
  .root { border: 0; overflow: visible; display: block; }
  .brief-print { display: block; }
  .brief-print .zs-sheet { font-size: 8pt; color: #000; }
  .brief-print .zs-sheet h1 { font-size: 14pt; margin: 0 0 1mm; }
  .brief-print .sheet-grid { display: grid; grid-template-columns: 150mm 1fr; gap: 4mm; }
  .brief-print canvas { width: 150mm; height: auto; display: block; }
  .brief-print table { border-collapse: collapse; width: 100%; font-size: 6.8pt; line-height: 1.25; }
  .brief-print th, .brief-print td { border-bottom: 1px solid #ccc; padding: 0 1mm; text-align: left; }
  .brief-print caption { text-align: left; font-weight: 700; font-size: 8.5pt; }
  .brief-print footer { font-size: 6pt; line-height: 1.3; color: #333; border-top: 1px solid #999; margin-top: 1mm; }
  .brief-print footer p, .brief-print .sub { margin: 0 0 .4mm; }
  .brief-print article.zs-sheet { break-inside: avoid; }
  .brief-print dl { display: grid; grid-template-columns: auto 1fr; gap: 0 3mm; margin: 1mm 0; }
  .brief-print dd { margin: 0; }
  .brief-print .badge { display: none; }
}
`;

/** `@page` must live in the document (shadow roots cannot set it): A4 landscape, added only
 *  while a 简报 is printed and removed afterwards. */
const PAGE_CSS = '@page { size: A4 landscape; margin: 8mm; }';

/**
 * Builds the one-page 简报 (A4 landscape) into the element's `.brief-print` box from a sheet
 * (sheet.js shape): map left, the tables and notes right. Printing the page then prints it
 * (print stylesheet); it stays until the next call.
 */
export function prepareBrief(el, sheet, stamp) {
  const root = el.shadowRoot.querySelector('.root');
  let box = root.querySelector('.brief-print');
  if (!box) { box = h('div', { class: 'brief-print' }); root.append(box); }
  const dom = sheetDom({ ...sheet, printFigures: 1 }, stamp, document, 'canvas');
  // Two columns: the figure left, everything else right.
  const fig = dom.querySelector('canvas');
  const grid = h('div', { class: 'sheet-grid' }, h('div', { class: 'fig' }), h('div', { class: 'rest' }));
  if (fig) grid.firstChild.append(fig);
  const head = [...dom.children].filter((c) => ['H1', 'P'].includes(c.tagName) && c.parentNode === dom);
  for (const c of [...dom.children]) if (!head.includes(c) && c !== fig) grid.lastChild.append(c);
  dom.append(grid);
  box.replaceChildren(dom);
  return box;
}

/** Prints the 简报: builds it, adds the A4-landscape page rule, prints, removes the rule. */
export async function printBrief(el, sheet, stamp) {
  prepareBrief(el, sheet, stamp);
  const page = styleSheet(PAGE_CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, page];
  try { window.print(); } finally {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== page);
  }
}

/** Adds the A4-landscape `@page` rule to the document (for tests that print via the
 *  browser's print emulation); returns a function that removes it. */
export function addPageRule() {
  const page = styleSheet(PAGE_CSS);
  if (!document.adoptedStyleSheets.includes(page)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, page];
  return () => { document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== page); };
}

/** PNG (2×) and SVG of the same 简报 sheet. */
export const briefPng = (sheet, stamp) => sheetPng(sheet, stamp, 2);
export const briefSvg = (sheet, stamp) => sheetSvg(sheet, stamp);

/** The 简报's payout lines: paid total after caps and what-if it paid, as sheet fields. */
export function payoutFields(run, whatIf, T, lang) {
  if (!run) return [];
  const s = run.summary();
  return [
    [T('briefing.paidTotal'), formatCny(s.event.paid, lang)],
    [T('briefing.paidFor'), whatIfLabel(whatIf, T)],
    [T('briefing.sumInsured'), formatCny(s.sum_insured, lang)],
    [T('briefing.cutCap'), formatCny(s.event.cut_by_event_cap, lang)],
  ];
}

export { tableData };
