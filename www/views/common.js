// Helpers shared by the element and the scenario views: canvas sizing, element creation,
// styles that obey a strict Content-Security-Policy (docs/embedding.md §2).

/** Largest canvas backing store we allocate (px per side, and px in total): a wrong size can
 *  never turn into a huge allocation. */
const MAX_SIDE = 8192;
const MAX_AREA = 24e6;

/**
 * Sizes a canvas backing store to its CSS box × devicePixelRatio; returns the dpr used.
 *
 * The canvas is taken out of flow (absolutely positioned over its stage, set through the
 * CSSOM, which a CSP allows), so its backing size can never feed back into its own CSS size:
 * the resize loop that grew a canvas to 33 million px under a CSP that blocked the widget's
 * stylesheet cannot happen (docs/embedding.md §3).
 */
export function fitCanvas(canvas) {
  const st = canvas.style;
  if (st.position !== 'absolute') {
    st.position = 'absolute';
    st.inset = '0';
    st.width = '100%';
    st.height = '100%';
  }
  const dpr = Math.min(4, Math.max(0.5, window.devicePixelRatio || 1));
  const r = canvas.getBoundingClientRect();
  let w = Math.max(1, Math.round(r.width * dpr));
  let h = Math.max(1, Math.round(r.height * dpr));
  // Clamp: keep the aspect, shrink the backing store (the drawing stays sharp enough).
  const k = Math.min(1, MAX_SIDE / w, MAX_SIDE / h, Math.sqrt(MAX_AREA / (w * h)));
  if (k < 1) { w = Math.max(1, Math.floor(w * k)); h = Math.max(1, Math.floor(h * k)); }
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  return dpr * k;
}

/** Sets inline style declarations through the CSSOM ("a:b; c:d" or {a: b}): a strict CSP
 *  blocks `style="…"` attributes but not CSSOM property setting. */
export function setStyle(el, style) {
  if (typeof style === 'string') {
    for (const decl of style.split(';')) {
      const i = decl.indexOf(':');
      if (i > 0) el.style.setProperty(decl.slice(0, i).trim(), decl.slice(i + 1).trim());
    }
  } else {
    for (const [k, v] of Object.entries(style)) el.style.setProperty(k, v);
  }
}

/** Creates an element with attributes and children (`style` goes through the CSSOM). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'style') setStyle(el, v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c != null) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

const sheets = new Map();
/** One constructable stylesheet per CSS text, shared by every shadow root of the page. */
export function styleSheet(css) {
  let s = sheets.get(css);
  if (!s) {
    s = new CSSStyleSheet();
    s.replaceSync(css);
    sheets.set(css, s);
  }
  return s;
}

/** Adds CSS to the shadow root that holds `node` through `adoptedStyleSheets` — never a
 *  `<style>` element, which `style-src 'self'` blocks. */
export function adoptStyles(node, css) {
  const root = node.getRootNode();
  const target = root instanceof ShadowRoot || root instanceof Document ? root : null;
  if (!target) return;
  const s = styleSheet(css);
  if (!target.adoptedStyleSheets.includes(s)) target.adoptedStyleSheets = [...target.adoptedStyleSheets, s];
}

let uid = 0;
/** A text alternative for a chart or map: its name, and a pointer to the table that holds
 *  its numbers (aria-describedby within the same shadow root). */
export function describeFigure(canvas, label, table) {
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  if (table) {
    if (!table.id) table.id = `zs-t${++uid}`;
    canvas.setAttribute('aria-describedby', table.id);
  }
}

/** A collapsible table of the per-town numbers behind a map (nothing only on hover):
 *  returns {box, table, fill(summary, head, rows)}. */
export function townTable() {
  const table = h('table', { class: 't data town-table' }, h('thead'), h('tbody'));
  const summary = h('summary');
  const box = h('details', { class: 'town-values' }, summary, h('div', { class: 'below' }, table));
  const fill = (title, head, rows) => {
    summary.textContent = title;
    const th = table.querySelector('thead');
    const tb = table.querySelector('tbody');
    th.replaceChildren(h('tr', {}, ...head.map((x, i) => h('th', { scope: 'col', class: i ? 'num' : null, text: x }))));
    tb.replaceChildren(...rows.map((r) => h('tr', {}, ...r.map((x, i) => h('td', { class: i ? 'num' : null, text: x })))));
  };
  return { box, table, fill };
}

/** A rendered table as {head, rows} of cell texts (so exports match the screen). */
export function tableData(table) {
  const text = (c) => c.textContent.trim();
  const head = [...table.querySelectorAll('thead tr:first-child > *')].map(text);
  const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map(text));
  return { head, rows };
}

/** A rendered <dl> as [[term, value]]. */
export function kvData(dl) {
  return [...dl.querySelectorAll('dt')].map((dt) => [dt.textContent.trim(), dt.nextElementSibling?.textContent.trim() ?? '']);
}

// VIEW_STYLE (the engine views' stylesheet) lives in views/view-style.js: the map view does
// not download it (README "Size budget").
