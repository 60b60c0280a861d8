// Helpers shared by the element and the scenario views: canvas sizing, styles that obey a
// strict Content-Security-Policy (docs/embedding.md §2), text alternatives. The views' own DOM
// helpers and stylesheet are in views/view-kit.js (not downloaded by the map view).

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
 * stylesheet cannot happen (docs/embedding.md §3). `box` ({width, height} in CSS px, e.g. a
 * ResizeObserver's contentRect of the canvas's stage) skips the layout read.
 */
export function fitCanvas(canvas, box = null) {
  const st = canvas.style;
  if (st.position !== 'absolute') {
    st.position = 'absolute';
    st.inset = '0';
    st.width = '100%';
    st.height = '100%';
  }
  const dpr = Math.min(4, Math.max(0.5, window.devicePixelRatio || 1));
  // `box`: the CSS size a ResizeObserver last reported, so a redraw forces no layout.
  const r = box || canvas.getBoundingClientRect();
  let w = Math.max(1, Math.round(r.width * dpr));
  let h = Math.max(1, Math.round(r.height * dpr));
  // Clamp: keep the aspect, shrink the backing store (the drawing stays sharp enough).
  const k = Math.min(1, MAX_SIDE / w, MAX_SIDE / h, Math.sqrt(MAX_AREA / (w * h)));
  if (k < 1) { w = Math.max(1, Math.floor(w * k)); h = Math.max(1, Math.floor(h * k)); }
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  return dpr * k;
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
