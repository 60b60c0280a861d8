// DOM helpers and stylesheet of the engine views (typhoon, payout, premium, pricing). Split
// from views/common.js so the map view does not download them (README "Size budget").

export const VIEW_STYLE = /* css */ `
.scen { flex: 1; display: grid; grid-template-columns: minmax(0, 1fr) 330px; min-height: 0; min-width: 0; }
.scen .left { display: flex; flex-direction: column; min-width: 0; min-height: 0; overflow: auto; }
.scen .stage { position: relative; flex: 1 0 auto; min-height: 420px; }
.scen .stage canvas { position: absolute; inset: 0; width: 100%; height: 100%; }
.scen .below { flex: 0 0 auto; overflow-x: auto; border-top: 1px solid var(--border); padding: 6px 10px; }
.scen .chart { position: relative; height: 420px; flex: none; border-top: 1px solid var(--border); }
.scen .chart canvas { position: absolute; inset: 0; width: 100%; height: 100%; }
.scen aside { width: auto; border-left: 1px solid var(--border); padding: 10px 12px; overflow: auto; font-size: .88em; min-width: 0; }
.scen fieldset { border: 1px solid var(--border); border-radius: 6px; margin: 0 0 10px; padding: 6px 8px; min-width: 0; }
.scen legend { font-weight: 600; padding: 0 4px; }
.scen label.row { display: grid; grid-template-columns: 96px minmax(0, 1fr) 40px; gap: 6px; align-items: center; margin: 3px 0; }
.scen label.row output { text-align: right; font-variant-numeric: tabular-nums; }
.scen select, .scen input[type=number], .scen input[type=text], .scen textarea, .scen button { font: inherit; font-size: .95em; max-width: 100%; min-width: 0; box-sizing: border-box; color: inherit; }
.scen button { padding: 4px 10px; border: 1px solid #8a95a5; border-radius: 6px; background: var(--zs-bg, #fff); cursor: pointer; min-height: 32px; }
.scen label.row select, .scen label.row input { width: 100%; }
.scen textarea { width: 100%; min-height: 80px; font-family: ui-monospace, monospace; font-size: .8em; }
.scen .timebar { display: flex; gap: 8px; align-items: center; padding: 6px 10px; border-top: 1px solid var(--border); flex-wrap: wrap; }
.scen .timebar input[type=range] { flex: 1; min-width: 120px; }
.scen .state { font-size: .85em; color: var(--muted); }
.scen .sig { display: inline-block; min-width: 1.6em; text-align: center; border-radius: 3px; padding: 0 3px; border: 1px solid #999; }
.scen .sig-A1 { background: #fff; color: #1a2333; } .scen .sig-A2 { background: #1f5fc4; color: #fff; } .scen .sig-A3 { background: #f2c300; color: #1a2333; }
.scen .sig-A4 { background: #b35600; color: #fff; } .scen .sig-A5 { background: #c40000; color: #fff; }
.scen .kv { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; }
.scen .kv dt { color: var(--muted); } .scen .kv dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.scen .big { font-size: 1.5em; font-weight: 700; color: #b71c1c; }
.scen ol.explain { padding-left: 1.2em; margin: 4px 0; font-size: .9em; line-height: 1.5; }
.scen .tiers { width: 100%; border-collapse: collapse; }
.scen .tiers td { padding: 1px 4px; } .scen .tiers input { width: 70px; }
.scen .legend-rows { display: flex; flex-wrap: wrap; gap: 4px 10px; font-size: .85em; }
.scen .legend-rows span.sw { display: inline-block; width: 12px; height: 10px; border: 1px solid #888; margin-right: 3px; vertical-align: middle; }
.scen table { max-width: 100%; }
.field-error-msg .field-error-code { font-size: .8em; color: #5c6470; margin-left: .4em; font-weight: 400; }
.scen details.town-values { margin-top: 6px; }
.scen details.town-values summary { cursor: pointer; padding: 4px 0; }
.scen table.town-table { border-collapse: collapse; width: 100%; font-size: .85em; }
.scen table.town-table th, .scen table.town-table td { border-bottom: 1px solid #e3e7ec; padding: 2px 6px; text-align: left; }
.scen table.town-table .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.scen .tooltip { max-width: min(300px, 90%); }
@container zs (min-width: 1200px) {
  .scen { grid-template-columns: minmax(0, 1fr) 360px; }
}
@container zs (max-width: 1023px) {
  .scen { grid-template-columns: minmax(0, 1fr) 300px; }
}
/* Narrow (< 768 px): the map full width, the panel stacked below, the whole view scrolls;
   tables scroll sideways inside their own box. */
@container zs (max-width: 767px) {
  .scen { display: block; overflow-y: auto; overflow-x: hidden; }
  .scen .left { overflow: visible; min-height: 0; }
  .scen .stage { flex: none; height: clamp(300px, 85cqw, 460px); min-height: 0; }
  .scen .chart { height: 460px; } /* payout bars: 23 towns stay legible */
  .scen aside { border-left: 0; border-top: 1px solid var(--border); overflow: visible; }
  .scen .below, .scen .block { overflow-x: auto; }
  .scen label.row { grid-template-columns: minmax(80px, 40%) minmax(0, 1fr) 40px; }
  /* Risk pricing shows nothing before a run: its settings come first on a phone. */
  .scen.pricing { display: flex; flex-direction: column; }
  .scen.pricing aside { order: -1; border-top: 0; border-bottom: 1px solid var(--border); }
  .scen .head:empty { display: none; }
}
`;

/** Sets inline style declarations through the CSSOM ("a:b; c:d" or {a: b}): a strict CSP
 *  blocks inline style attributes but not CSSOM property setting. */
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
