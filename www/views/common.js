// Helpers shared by the scenario views.

/** Sizes a canvas backing store to its CSS size × devicePixelRatio; returns the dpr used. */
export function fitCanvas(canvas) {
  const dpr = window.devicePixelRatio || 1;
  const r = canvas.getBoundingClientRect();
  const w = Math.max(1, Math.round(r.width * dpr));
  const h = Math.max(1, Math.round(r.height * dpr));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  return dpr;
}

/** Creates an element with attributes and children. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c != null) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

export const VIEW_STYLE = `
.scen { flex: 1; display: grid; grid-template-columns: minmax(0, 1fr) 330px; min-height: 0; }
.scen .left { display: flex; flex-direction: column; min-width: 0; min-height: 0; overflow: auto; }
.scen .stage { position: relative; flex: 1 0 auto; min-height: 420px; }
.scen .stage canvas { position: absolute; inset: 0; width: 100%; height: 100%; }
.scen .below { flex: 0 0 auto; overflow: visible; border-top: 1px solid var(--border); padding: 6px 10px; }
.scen .chart { position: relative; height: 420px; flex: none; border-top: 1px solid var(--border); }
.scen .chart canvas { position: absolute; inset: 0; width: 100%; height: 100%; }
.scen aside { width: auto; border-left: 1px solid var(--border); padding: 10px 12px; overflow: auto; font-size: .88em; }
.scen fieldset { border: 1px solid var(--border); border-radius: 6px; margin: 0 0 10px; padding: 6px 8px; }
.scen legend { font-weight: 600; padding: 0 4px; }
.scen label.row { display: grid; grid-template-columns: 96px minmax(0, 1fr) 40px; gap: 6px; align-items: center; margin: 3px 0; }
.scen label.row output { text-align: right; font-variant-numeric: tabular-nums; }
.scen select, .scen input[type=number], .scen textarea, .scen button { font: inherit; font-size: .95em; max-width: 100%; min-width: 0; box-sizing: border-box; }
.scen label.row select, .scen label.row input { width: 100%; }
.scen textarea { width: 100%; min-height: 80px; font-family: ui-monospace, monospace; font-size: .8em; }
.scen .timebar { display: flex; gap: 8px; align-items: center; padding: 6px 10px; border-top: 1px solid var(--border); }
.scen .timebar input[type=range] { flex: 1; }
.scen .state { font-size: .85em; color: #3b4656; }
.scen .sig { display: inline-block; min-width: 1.6em; text-align: center; border-radius: 3px; padding: 0 3px; border: 1px solid #999; }
.scen .sig-A1 { background: #fff; } .scen .sig-A2 { background: #2f6fd6; color: #fff; } .scen .sig-A3 { background: #f2c300; }
.scen .sig-A4 { background: #f07800; color: #fff; } .scen .sig-A5 { background: #d10000; color: #fff; }
.scen .kv { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; }
.scen .kv dt { color: #5a6575; } .scen .kv dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.scen .big { font-size: 1.5em; font-weight: 700; color: #b71c1c; }
.scen ol.explain { padding-left: 1.2em; margin: 4px 0; font-size: .9em; line-height: 1.5; }
.scen .tiers { width: 100%; border-collapse: collapse; }
.scen .tiers td { padding: 1px 4px; } .scen .tiers input { width: 70px; }
.scen .legend-rows { display: flex; flex-wrap: wrap; gap: 4px 10px; font-size: .85em; }
.scen .legend-rows span.sw { display: inline-block; width: 12px; height: 10px; border: 1px solid #888; margin-right: 3px; vertical-align: middle; }
`;
