// Export sheets: one description of what a view shows (title, figures, legend, tables, notes,
// source line, 示意图 note, date) rendered four ways — PNG (canvas), SVG, CSV and a printable
// HTML page. Every view's exportPng/exportSvg/exportCsv/print goes through here, so the four
// always carry the same content (docs/embedding.md §5).
//
// A sheet:
//   { name, title, subtitle?, figures: [{ width, height, draw(canvas, scale), svg?() }],
//     fields?: [[label, value]], legend?: [{ color, label }], tables: [{ caption, head, rows }],
//     notes: [string], source: string, schematic: bool, csv?() }
//
// Nothing here needs a network fetch, an inline style or `blob:`/`data:` images in the page,
// so exports work under `default-src 'self'`.

const FONT = "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif";
const W = 1000; // sheet width in CSS px
const PAD = 24;
const INK = '#1a2333';
const MUTED = '#4f5968';
const RULE = '#c9d1dc';

/** Drops control characters (they make SVG invalid XML) and escapes markup. */
export function xmlText(s) {
  return String(s ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One CSV cell: spreadsheet formulas neutralised (a leading = + - @ tab or CR that is not a
 *  plain number gets a leading apostrophe), quotes doubled, CR/LF and commas quoted. */
export function csvCell(v) {
  let s = v == null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^[-+]?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text (UTF-8 with BOM so spreadsheets read the Chinese) of the sheet's tables, with the
 *  title, notes and source as leading `#` lines. */
export function sheetCsv(sheet, stamp) {
  if (sheet.csv) {
    // The engine's own CSV (its columns are the documented ones), then the sheet's notes.
    let text = sheet.csv();
    if (!text.endsWith('\n')) text += '\r\n';
    return text + footerLines(sheet, stamp).map((n) => csvCell(`# ${n}`)).join('\r\n') + '\r\n';
  }
  const lines = [`# ${sheet.title}`];
  if (sheet.subtitle) lines.push(`# ${sheet.subtitle}`);
  for (const [k, v] of sheet.fields || []) lines.push([k, v].map(csvCell).join(','));
  for (const t of sheet.tables) {
    lines.push('', csvCell(`# ${t.caption}`), t.head.map(csvCell).join(','));
    for (const r of t.rows) lines.push(r.map(csvCell).join(','));
  }
  lines.push('');
  for (const n of footerLines(sheet, stamp)) lines.push(csvCell(`# ${n}`));
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

function footerLines(sheet, stamp) {
  const out = [...(sheet.notes || [])];
  if (sheet.schematic) out.push(stamp.schematic);
  if (sheet.source) out.push(`${stamp.sourceLabel}: ${sheet.source}`);
  out.push(stamp.line);
  return out.filter(Boolean);
}

// ---- layout: one list of drawing operations, executed on a canvas or written as SVG ------

let measureCtx = null;
function ctx2d() {
  if (!measureCtx) measureCtx = document.createElement('canvas').getContext('2d');
  return measureCtx;
}
const font = (size, weight = 400) => `${weight} ${size}px ${FONT}`;

/** Wraps text to lines no wider than maxW (CJK breaks anywhere, Latin at spaces). */
function wrap(text, size, weight, maxW) {
  const c = ctx2d();
  c.font = font(size, weight);
  const out = [];
  for (const para of String(text ?? '').split('\n')) {
    let line = '';
    for (const ch of para) {
      const next = line + ch;
      if (c.measureText(next).width <= maxW || line === '') { line = next; continue; }
      const sp = line.lastIndexOf(' ');
      if (/\w/.test(ch) && sp > 0) { out.push(line.slice(0, sp)); line = line.slice(sp + 1) + ch; } else { out.push(line); line = ch; }
    }
    out.push(line);
  }
  return out;
}

function fitText(text, size, weight, maxW) {
  const c = ctx2d();
  c.font = font(size, weight);
  let s = String(text ?? '');
  if (c.measureText(s).width <= maxW) return s;
  while (s.length > 1 && c.measureText(s + '…').width > maxW) s = s.slice(0, -1);
  return s + '…';
}

function layout(sheet, stamp) {
  const ops = [];
  let y = PAD;
  const text = (t, size, { weight = 400, color = INK, x = PAD, maxW = W - 2 * PAD, gap = 4 } = {}) => {
    for (const line of wrap(t, size, weight, maxW)) {
      y += size * 1.25;
      ops.push({ k: 'text', x, y: y - size * 0.25, t: line, size, weight, color });
    }
    y += gap;
  };
  text(sheet.title, 22, { weight: 700 });
  if (sheet.subtitle) text(sheet.subtitle, 14, { color: MUTED });
  if (sheet.schematic) text(stamp.schematicBadge, 13, { color: '#6b5200', weight: 700 });
  y += 4;
  if (sheet.fields?.length) {
    const colW = (W - 2 * PAD) / 2;
    sheet.fields.forEach(([k, v], i) => {
      const x = PAD + (i % 2) * colW;
      if (i % 2 === 0) y += 19;
      ops.push({ k: 'text', x, y, t: fitText(k, 13, 400, colW * 0.45), size: 13, weight: 400, color: MUTED });
      ops.push({ k: 'text', x: x + colW * 0.46, y, t: fitText(v, 13, 600, colW * 0.52), size: 13, weight: 600, color: INK });
    });
    y += 12;
  }
  for (const f of sheet.figures) {
    const w = W - 2 * PAD;
    const hgt = Math.round((f.height / f.width) * w);
    ops.push({ k: 'fig', x: PAD, y, w, h: hgt, f });
    y += hgt + 8;
  }
  if (sheet.legend?.length) {
    let x = PAD;
    y += 18;
    const c = ctx2d();
    c.font = font(13);
    for (const l of sheet.legend) {
      const lw = 18 + c.measureText(l.label).width + 16;
      if (x + lw > W - PAD) { x = PAD; y += 20; }
      ops.push({ k: 'rect', x, y: y - 11, w: 14, h: 12, fill: l.color, stroke: '#777' });
      ops.push({ k: 'text', x: x + 18, y, t: l.label, size: 13, weight: 400, color: INK });
      x += lw;
    }
    y += 10;
  }
  for (const t of sheet.tables) {
    y += 8;
    text(t.caption, 15, { weight: 700 });
    const n = t.head.length;
    const c = ctx2d();
    const want = t.head.map((hd, j) => {
      c.font = font(12, 700);
      let m = c.measureText(hd).width;
      c.font = font(12);
      for (const r of t.rows) m = Math.max(m, c.measureText(String(r[j] ?? '')).width);
      return Math.min(m + 12, 420);
    });
    const total = want.reduce((a, b) => a + b, 0);
    const k = (W - 2 * PAD) / Math.max(total, 1);
    const widths = want.map((w) => w * Math.min(k, 3));
    const row = (cells, weight) => {
      y += 18;
      let x = PAD;
      for (let j = 0; j < n; j++) {
        ops.push({ k: 'text', x: x + 3, y: y - 4, t: fitText(cells[j], 12, weight, widths[j] - 6), size: 12, weight, color: INK });
        x += widths[j];
      }
      ops.push({ k: 'line', x1: PAD, x2: PAD + widths.reduce((a, b) => a + b, 0), y: y + 1 });
    };
    row(t.head, 700);
    for (const r of t.rows) row(r, 400);
    y += 6;
  }
  y += 8;
  ops.push({ k: 'line', x1: PAD, x2: W - PAD, y, color: RULE });
  y += 4;
  for (const n of footerLines(sheet, stamp)) text(n, 12, { color: MUTED, gap: 2 });
  return { ops, height: Math.ceil(y + PAD) };
}

/** PNG Blob of the sheet at `scale` device px per CSS px. */
export async function sheetPng(sheet, stamp, scale) {
  const { ops, height } = layout(sheet, stamp);
  const c = document.createElement('canvas');
  c.width = Math.round(W * scale);
  c.height = Math.round(height * scale);
  const g = c.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, c.width, c.height);
  g.scale(scale, scale);
  for (const o of ops) {
    if (o.k === 'text') { g.font = font(o.size, o.weight); g.fillStyle = o.color; g.fillText(o.t, o.x, o.y); }
    else if (o.k === 'line') { g.strokeStyle = o.color || '#e3e7ec'; g.lineWidth = 1; g.beginPath(); g.moveTo(o.x1, o.y + 0.5); g.lineTo(o.x2, o.y + 0.5); g.stroke(); }
    else if (o.k === 'rect') { g.fillStyle = o.fill; g.fillRect(o.x, o.y, o.w, o.h); g.strokeStyle = o.stroke; g.strokeRect(o.x, o.y, o.w, o.h); }
    else if (o.k === 'fig') {
      const fc = document.createElement('canvas');
      fc.width = Math.round(o.f.width * scale);
      fc.height = Math.round(o.f.height * scale);
      o.f.draw(fc, scale);
      g.drawImage(fc, o.x, o.y, o.w, o.h);
    }
  }
  return new Promise((ok, fail) => c.toBlob((b) => (b ? ok(b) : fail(new Error('PNG encoding failed'))), 'image/png'));
}

/** SVG text of the sheet: vector figures where the engine draws SVG, else an embedded PNG. */
export function sheetSvg(sheet, stamp) {
  const { ops, height } = layout(sheet, stamp);
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" font-family="${xmlText(FONT)}">`,
    `<title>${xmlText(sheet.title)}</title>`, `<rect width="${W}" height="${height}" fill="#fff"/>`];
  for (const o of ops) {
    if (o.k === 'text') out.push(`<text x="${o.x.toFixed(1)}" y="${o.y.toFixed(1)}" font-size="${o.size}" font-weight="${o.weight}" fill="${o.color}">${xmlText(o.t)}</text>`);
    else if (o.k === 'line') out.push(`<line x1="${o.x1}" x2="${o.x2.toFixed(1)}" y1="${o.y + 0.5}" y2="${o.y + 0.5}" stroke="${o.color || '#e3e7ec'}"/>`);
    else if (o.k === 'rect') out.push(`<rect x="${o.x}" y="${o.y}" width="${o.w}" height="${o.h}" fill="${xmlText(o.fill)}" stroke="${o.stroke}"/>`);
    else if (o.k === 'fig') out.push(figureSvg(o));
  }
  out.push('</svg>');
  return out.join('\n');
}

function figureSvg(o) {
  const f = o.f;
  if (f.svg) {
    const doc = new DOMParser().parseFromString(f.svg(), 'image/svg+xml');
    const root = doc.documentElement;
    if (root && root.nodeName === 'svg' && !doc.querySelector('parsererror')) {
      if (!root.getAttribute('viewBox')) root.setAttribute('viewBox', `0 0 ${root.getAttribute('width') || f.width} ${root.getAttribute('height') || f.height}`);
      root.setAttribute('x', String(o.x));
      root.setAttribute('y', String(o.y));
      root.setAttribute('width', String(o.w));
      root.setAttribute('height', String(o.h));
      return new XMLSerializer().serializeToString(root);
    }
  }
  const c = document.createElement('canvas');
  c.width = Math.round(f.width * 2);
  c.height = Math.round(f.height * 2);
  f.draw(c, 2);
  return `<image x="${o.x}" y="${o.y}" width="${o.w}" height="${o.h}" href="${c.toDataURL('image/png')}"/>`;
}

/** Print stylesheet of the sheet page: one A4 page (docs/embedding.md §5). */
export const PRINT_CSS = `
@page { size: A4 landscape; margin: 10mm; }
html { font-family: ${FONT}; color: ${INK}; }
body { margin: 0; }
.zs-sheet { max-width: 277mm; margin: 0 auto; font-size: 9.5pt; line-height: 1.3; }
.zs-sheet h1 { font-size: 14pt; margin: 0 0 1.5mm; }
.zs-sheet .sub { color: ${MUTED}; margin: 0 0 3mm; }
.zs-sheet .badge { display: inline-block; border: 1px solid #e0c36a; background: #fff3cd; color: #6b5200; padding: 0 4px; border-radius: 3px; font-size: 9pt; }
.zs-sheet dl { display: grid; grid-template-columns: auto 1fr auto 1fr auto 1fr; gap: .4mm 4mm; margin: 0 0 2mm; }
.zs-sheet dt { color: ${MUTED}; } .zs-sheet dd { margin: 0; font-weight: 600; }
.zs-sheet img, .zs-sheet canvas { width: 100%; height: auto; max-height: 42mm; object-fit: contain; display: block; margin: 0 0 2mm; }
.zs-sheet table { border-collapse: collapse; width: 100%; font-size: 7.5pt; margin: 0 0 2mm; break-inside: avoid; }
.zs-sheet caption { text-align: left; font-weight: 700; font-size: 10.5pt; padding: 1mm 0; }
.zs-sheet th, .zs-sheet td { border-bottom: 1px solid #d5dbe3; padding: .2mm 1.2mm; text-align: left; vertical-align: top; }
.zs-sheet footer { color: ${MUTED}; font-size: 7.5pt; border-top: 1px solid ${RULE}; padding-top: 1.5mm; }
.zs-sheet footer p { margin: 0 0 .5mm; }
/* One page whatever the rule set: the whole sheet at 80 % when printed (Chromium honours zoom
   in print layout; the text stays ≥ 6 pt). */
@media print { .zs-sheet { max-width: none; zoom: 0.8; } }
`;

/** The sheet as DOM (for printing and the HTML export): built with DOM calls in `doc`.
 *  images: 'data' puts pictures in as data: images (a saved file; built in an inert document
 *  so nothing loads under the page's CSP), 'canvas' copies the pixels (the print frame, which
 *  inherits the page's CSP). */
export function sheetDom(sheet, stamp, doc, images) {
  const el = (tag, cls, text) => { const e = doc.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; };
  const root = el('article', 'zs-sheet');
  root.append(el('h1', null, sheet.title));
  if (sheet.subtitle) root.append(el('p', 'sub', sheet.subtitle));
  if (sheet.schematic) root.append(el('span', 'badge', stamp.schematicBadge));
  if (sheet.fields?.length) {
    const dl = el('dl');
    for (const [k, v] of sheet.fields) dl.append(el('dt', null, k), el('dd', null, v));
    root.append(dl);
  }
  for (const f of sheet.figures.slice(0, sheet.printFigures ?? 1)) {
    const c = document.createElement('canvas');
    c.width = Math.round(f.width * 2);
    c.height = Math.round(f.height * 2);
    f.draw(c, 2);
    if (images === 'data') {
      // A saved file: the picture as a data: image (the page's CSP does not apply there).
      const img = el('img');
      img.alt = sheet.title;
      img.src = c.toDataURL('image/png');
      root.append(img);
    } else {
      // The print frame inherits the page's CSP (no data: images): copy the pixels.
      const copy = el('canvas');
      copy.width = c.width;
      copy.height = c.height;
      copy.getContext('2d').drawImage(c, 0, 0);
      copy.setAttribute('role', 'img');
      copy.setAttribute('aria-label', sheet.title);
      root.append(copy);
    }
  }
  for (const t of sheet.tables) {
    const table = el('table');
    table.append(el('caption', null, t.caption));
    const thead = el('thead');
    const hr = el('tr');
    for (const x of t.head) { const th = el('th', null, x); th.scope = 'col'; hr.append(th); }
    thead.append(hr);
    const tb = el('tbody');
    for (const r of t.rows) { const tr = el('tr'); for (const x of r) tr.append(el('td', null, x)); tb.append(tr); }
    table.append(thead, tb);
    root.append(table);
  }
  const foot = el('footer');
  for (const n of footerLines(sheet, stamp)) foot.append(el('p', null, n));
  root.append(foot);
  return root;
}

/** A standalone HTML page of the sheet (for saving; it carries its own print stylesheet). */
export function sheetHtml(sheet, stamp, lang) {
  const inert = document.implementation.createHTMLDocument('');
  const body = sheetDom(sheet, stamp, inert, 'data').outerHTML;
  return `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"><title>${xmlText(sheet.title)}</title><style>${PRINT_CSS}</style></head><body>${body}</body></html>\n`;
}

/**
 * Prints the sheet alone on one page, from a hidden same-origin iframe: no inline script or
 * style (the iframe's sheet is a constructed stylesheet), and the host page is not printed.
 * Resolves when the print dialog closes.
 */
export function printSheet(sheet, stamp, lang) {
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  for (const [k, v] of Object.entries({ position: 'fixed', right: '0', bottom: '0', width: '0', height: '0', border: '0', visibility: 'hidden' })) frame.style.setProperty(k, v);
  document.body.append(frame);
  const win = frame.contentWindow;
  const doc = frame.contentDocument;
  doc.documentElement.lang = lang;
  doc.title = sheet.title;
  const css = new win.CSSStyleSheet();
  css.replaceSync(PRINT_CSS);
  doc.adoptedStyleSheets = [css];
  doc.body.append(sheetDom(sheet, stamp, doc, 'canvas'));
  return new Promise((ok) => {
    const done = () => { frame.remove(); ok(); };
    win.addEventListener('afterprint', done, { once: true });
    // Print after the frame has laid out its content.
    setTimeout(() => { try { win.print(); } catch (_) { done(); } }, 0);
    // Browsers whose print() does not block and fire no afterprint: clean up later.
    setTimeout(() => { if (frame.isConnected) done(); }, 60000);
  });
}

/** The map view's sheet (`el` is the `<zs-risk-map>`): title, the export drawing of the map
 *  (title and legend drawn in), its SVG when the engines bundle is loaded, the town table,
 *  notes and source. Here, not in the element, so a map-only visitor does not download it. */
export function mapSheet(el) {
  const map = el.map;
  const L = map.legend();
  const en = el.lang === 'en';
  const title = en ? L.title_en : L.title_zh;
  // The SVG is drawn by the engines bundle from the same districts, layer, language,
  // selection, highlight and type scale.
  const svg = () => {
    const m = el._engineDistricts();
    m.setLayer(map.layerId());
    m.setLang(el.lang);
    m.setSelected(el.selected);
    m.setHighlightLevel(el.highlight);
    m.setTypeScale(el.hasAttribute('briefing') ? 1.4 : 1.0);
    return m.toSvg(1200, 800);
  };
  return {
    name: `map-${map.layerId()}`,
    title: `${el.t('appTitle')} · ${title}`,
    subtitle: el.t('portal.sheetMap'),
    figures: [{ width: 1200, height: 800, draw: (c, scale) => map.renderExport(c, scale), svg: el.engines ? svg : undefined }],
    tables: [{
      caption: title,
      head: [el.t('code'), el.t('town'), `${title}${L.unit ? ` (${L.unit})` : ''}`, el.t('level')],
      rows: el.rows.map((r) => [r.code, en ? r.name_en : r.name_zh, r.display, (en ? r.level_en : r.level_zh) ?? '—']),
    }],
    notes: [en ? `${L.note_en}.` : `${L.note_zh}。`, el.t('hazardNotLoss')],
    source: L.attribution,
    schematic: L.schematic,
    csv: () => el.tableCsv(),
  };
}
