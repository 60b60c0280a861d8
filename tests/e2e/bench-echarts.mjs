// Side-by-side benchmark against Apache ECharts (issue 10, "Done when" item 1). Prints figures
// and writes JSON; asserts nothing (speed targets are shown, never asserted).
//
//   node tests/e2e/bench-echarts.mjs            9 runs (README "Benchmarks")
//   node tests/e2e/bench-echarts.mjs --short    3 runs (scripts/test.sh's benchmark step)
//   node tests/e2e/bench-echarts.mjs --runs N
//
// Three contenders draw the same 23-town choropleth in the same 960×640 CSS px box:
//   ours     <zs-risk-map layer="surge"> from www/build (minified; run scripts/build.sh first)
//   minimal  ECharts built at benchmark time by esbuild from echarts/core + MapChart +
//            VisualMapComponent + TooltipComponent + CanvasRenderer, minified, with the map
//            data bundled in (one file: the best case for ECharts — no second request)
//   full     dist/echarts.min.js (every chart) + the same page script, for reference
//   ours-preload  ours with the optional preload hints a host page may add (docs/performance.md)
// The geometry is the shipped schematic (data/zhongshan_schematic.geojson, the very text the
// wasm includes: src/map/schematic.rs); the classes, colours and names of each layer are read
// from our widget at benchmark time, so both draw the same classes in the same colours.
//
// Each run opens every contender in a fresh browser context (empty cache), interleaved, over a
// loopback server that gzips (gzip -9), with CDP network emulation (400 kbps down and up,
// 400 ms RTT) and CPU throttling ×4, and measures:
//   load → drawn   navigation start → the first frame painted after the picture is drawn
//                  (our `ready` event / ECharts' first 'finished' event, then
//                  requestAnimationFrame + a message: the frame has been produced)
//   bytes          transfer size of every response that ended before drawn (headers included)
//   layer switch   `layer` attribute / setOption with the other layer's data and classes, until
//                  the frame is painted (measured the same way), at CPU ×1 and ×4, network off:
//                  main-thread time (the call, then the next frame's work up to a message after
//                  it — the idle wait for vsync left out) and, for reference, the wall clock.
//                  Paired: all contenders stay open and take turns, one switch each (the others
//                  frozen and unthrottled meanwhile), so the load of a shared machine falls on
//                  all alike
//   hover          a real pointer move (CDP input) onto another town, from the event's
//                  timestamp until the frame with the tooltip/highlight is painted
// Output: a table with medians, [min–max] and ratios; JSON in tests/e2e/out/bench-echarts.json.
import { chromium } from 'playwright-core';
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { startServer } from '../../scripts/serve.mjs';
import { ARGS } from './harness.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'tests', 'e2e', 'out', 'bench-echarts');
const JSON_OUT = join(ROOT, 'tests', 'e2e', 'out', 'bench-echarts.json');
const argv = process.argv.slice(2);
const RUNS = argv.includes('--short') ? 3 : Number(argv[argv.indexOf('--runs') + 1]) || 9;
/** The slow link of issue 10: 400 kbps each way, 400 ms round trip, CPU ×4. */
const LINK = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };
const SLOW_CPU = 4;
/** The two layers a switch alternates between (both class layers: pieces with colours). */
const LAYERS = ['surge', 'waterlogging'];
const SWITCHES = 15; // measured switches per CPU rate and run (after 3 warm-up switches)
const HOVERS = 10;
const BOX = { width: 960, height: 640 };

if (!existsSync(join(ROOT, 'www', 'build', 'pkg', 'zs_risk_map_map_bg.wasm'))) {
  console.error('bench-echarts: www/build is missing — run `bash scripts/build.sh` first');
  process.exit(2);
}

// ---- pages ------------------------------------------------------------------------------

mkdirSync(OUT, { recursive: true });
const css = `body { margin: 0; font-family: 'Noto Sans CJK SC', sans-serif; }
zs-risk-map, #chart { display: block; width: ${BOX.width}px; height: ${BOX.height}px; }
`;
writeFileSync(join(OUT, 'bench.css'), css);
const page = (title, head, body = '') => `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>${title}</title>
<link rel="stylesheet" href="bench.css">
${head}
</head>
<body>
${body}
</body>
</html>
`;
// Ours: exactly the portal snippet (README "Embed it").
writeFileSync(join(OUT, 'ours.html'), page('ours', '<script type="module" src="/www/build/zs-risk-map.js"></script>', '<zs-risk-map layer="surge" lang="zh-CN"></zs-risk-map>'));
// Ours with the optional preload hints a host page may add (docs/performance.md §4).
writeFileSync(join(OUT, 'ours-preload.html'), page('ours + preload hints', `<link rel="preload" href="/www/build/pkg/zs_risk_map_map_bg.wasm" as="fetch" type="application/wasm" crossorigin>
<link rel="modulepreload" href="/www/build/zs-risk-map.js">
<link rel="modulepreload" href="/www/build/pkg/zs_risk_map_map.js">
<script type="module" src="/www/build/zs-risk-map.js"></script>`, '<zs-risk-map layer="surge" lang="zh-CN"></zs-risk-map>'));
writeFileSync(join(OUT, 'minimal.html'), page('ECharts minimal', '<script defer src="ec-min.js"></script>', '<div id="chart"></div>'));
writeFileSync(join(OUT, 'full.html'), page('ECharts full', '<script defer src="echarts.min.js"></script>\n<script defer src="ec-full-page.js"></script>', '<div id="chart"></div>'));

/** Runs in every page before its own scripts: the shared "frame painted" probe. */
function probe() {
  // requestAnimationFrame runs just before the frame is produced; a message posted from it is
  // handled after that frame: the time the picture is on screen (the same for every contender).
  window.__afterPaint = () => new Promise((ok) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => ok(performance.now());
    ch.port2.postMessage(0);
  }));
  window.__onDrawn = () => {
    if (window.__drawnP) return;
    window.__drawnP = window.__afterPaint().then((t) => { window.__drawn = t; });
  };
  document.addEventListener('ready', () => window.__onDrawn(), { once: true });
  window.__hover = [];
  addEventListener('pointermove', (e) => { const t0 = e.timeStamp; window.__afterPaint().then((t) => window.__hover.push(t - t0)); }, { capture: true });
}

/** The ECharts page script (bundled with the data into both ECharts pages). */
const EC_PAGE = `
import data from './ec-data.json';
export function start(echarts) {
  echarts.registerMap('zs', data.geo);
  const chart = echarts.init(document.getElementById('chart'), null, { renderer: 'canvas' });
  let current = data.initial;
  const option = (id) => {
    const L = data.layers[id];
    return {
      animation: false,
      title: { text: L.title, left: 8, top: 6, textStyle: { fontSize: 15 } },
      tooltip: { trigger: 'item', formatter: (p) => p.data ? p.data.zh + '<br>' + data.layers[current].title + ': ' + p.data.display + ' · ' + p.data.levelZh : '' },
      visualMap: { type: 'piecewise', dimension: 1, left: 8, bottom: 8, pieces: L.pieces },
      series: [{
        type: 'map', map: 'zs', nameProperty: 'code', roam: false, selectedMode: 'single',
        // Aspect kept and x scaled by cos(latitude), as our local equirectangular projection.
        aspectScale: data.aspect, layoutCenter: ['50%', '53%'], layoutSize: '90%',
        label: { show: true, fontSize: 11, formatter: (p) => (p.data ? p.data.zh : '') },
        data: L.data,
      }],
    };
  };
  chart.on('finished', () => window.__onDrawn && window.__onDrawn());
  chart.setOption(option(data.initial));
  window.__chart = chart;
  // The cheapest idiomatic update: merge only what differs (title, classes, data).
  window.__setLayer = (id) => {
    current = id;
    const L = data.layers[id];
    chart.setOption({ title: { text: L.title }, visualMap: { pieces: L.pieces }, series: [{ data: L.data }] });
  };
  window.__seatPx = (lon, lat) => chart.convertToPixel({ seriesIndex: 0 }, [lon, lat]);
}
`;

// ---- benchmark ---------------------------------------------------------------------------

const server = await startServer(0, '127.0.0.1', { gzip: true });
const base = `http://127.0.0.1:${server.address().port}/tests/e2e/out/bench-echarts`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS });

/** Reads the layers' classes, colours and values from our widget (unthrottled). */
async function exportLayers() {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await ctx.newPage();
  await p.goto(`${base}/ours.html`);
  await p.waitForFunction(() => document.querySelector('zs-risk-map')?.state === 'ready', null, { timeout: 60000 });
  const layers = await p.evaluate(async (ids) => {
    const w = document.querySelector('zs-risk-map');
    const out = {};
    for (const id of ids) {
      await w.setLayer(id);
      const L = w.map.legend();
      if (L.is_ramp) throw new Error(`layer ${id} is a ramp, not classes`);
      const levels = L.rows.map((r) => r.level);
      out[id] = {
        title: L.title_zh,
        pieces: L.rows.map((r, i) => ({ value: i, color: r.color, label: `${r.label_zh} · ${r.range}` })),
        data: w.districts.map((r) => ({ name: r.code, value: [r.value, levels.indexOf(r.level)], zh: r.name_zh, display: r.display, levelZh: r.level_zh ?? '—', seat: [r.seat_lon, r.seat_lat] })),
      };
      const missing = out[id].data.filter((d) => d.value[1] < 0);
      if (missing.length) throw new Error(`layer ${id}: towns without a class: ${missing.map((d) => d.name)}`);
    }
    return out;
  }, LAYERS);
  await ctx.close();
  return layers;
}

const layers = await exportLayers();
const geo = JSON.parse(readFileSync(join(ROOT, 'data', 'zhongshan_schematic.geojson'), 'utf8'));
const lats = geo.features.flatMap((f) => f.geometry.coordinates.flat(2).map((c) => c[1]));
const aspect = Math.cos(((Math.min(...lats) + Math.max(...lats)) / 2) * Math.PI / 180);
writeFileSync(join(OUT, 'ec-data.json'), JSON.stringify({ geo, layers, initial: LAYERS[0], aspect }));
writeFileSync(join(OUT, 'ec-page.js'), EC_PAGE);
writeFileSync(join(OUT, 'ec-min-entry.js'), `import * as echarts from 'echarts/core';
import { MapChart } from 'echarts/charts';
import { VisualMapComponent, TooltipComponent, TitleComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { start } from './ec-page.js';
echarts.use([MapChart, VisualMapComponent, TooltipComponent, TitleComponent, CanvasRenderer]);
start(echarts);
`);
writeFileSync(join(OUT, 'ec-full-entry.js'), "import { start } from './ec-page.js';\nstart(window.echarts);\n");
const esb = { bundle: true, minify: true, format: 'iife', target: 'es2020', legalComments: 'none', nodePaths: [join(ROOT, 'node_modules')], logLevel: 'warning' };
await build({ ...esb, entryPoints: [join(OUT, 'ec-min-entry.js')], outfile: join(OUT, 'ec-min.js') });
await build({ ...esb, entryPoints: [join(OUT, 'ec-full-entry.js')], outfile: join(OUT, 'ec-full-page.js') });
const echartsDir = dirname(createRequire(import.meta.url).resolve('echarts/package.json'));
copyFileSync(join(echartsDir, 'dist', 'echarts.min.js'), join(OUT, 'echarts.min.js'));
const echartsVersion = JSON.parse(readFileSync(join(echartsDir, 'package.json'), 'utf8')).version;

const CONTENDERS = ['ours', 'minimal', 'full', 'ours-preload'];

/** One contender's fresh context and page, loaded on the slow link (throttled) and left open. */
async function load(name) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const p = await ctx.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await p.addInitScript(probe);
  const cdp = await ctx.newCDPSession(p);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', LINK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_CPU });
  await p.goto(`${base}/${name}.html`, { waitUntil: 'commit' });
  await p.waitForFunction(() => window.__drawn !== undefined, null, { timeout: 120000, polling: 100 });
  const loaded = await p.evaluate(() => {
    const drawn = window.__drawn;
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource');
    const before = res.filter((r) => r.responseEnd <= drawn);
    return {
      drawn,
      bytes: nav.transferSize + before.reduce((s, r) => s + r.transferSize, 0),
      requests: 1 + before.length,
      waterfall: [{ name: 'document', start: 0, end: nav.responseEnd, bytes: nav.transferSize },
        ...res.map((r) => ({ name: new URL(r.name).pathname.split('/').pop(), start: r.startTime, end: r.responseEnd, bytes: r.transferSize }))],
    };
  });
  // Interaction figures: network back to normal.
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  // One layer switch, measured in the page (see the header): resolves to { wall, busy }.
  await p.evaluate(([ids, ours]) => {
    const el = document.querySelector('zs-risk-map');
    // Both return once the draw call has returned (ours: `layer-change` is emitted after it).
    const set = ours
      ? (id) => new Promise((ok) => { el.addEventListener('layer-change', ok, { once: true }); el.setAttribute('layer', id); })
      : (id) => window.__setLayer(id);
    window.__switchOnce = async () => {
      // Start on an idle frame, a few frames after the page was thawed (the first frames
      // after a thaw redo work the freeze dropped, whatever the page).
      for (let k = 0; k < 4; k++) await window.__afterPaint();
      // Registered before the action, so it runs first in the next frame: its timestamp is
      // the frame's start, and everything until the message after the frame is that frame's
      // work (style, layout, other rAF callbacks, paint).
      let frameStart = 0;
      const painted = new Promise((ok) => requestAnimationFrame((ts) => {
        frameStart = ts;
        const ch = new MessageChannel();
        ch.port1.onmessage = () => ok(performance.now());
        ch.port2.postMessage(0);
      }));
      const t0 = performance.now();
      window.__layer = window.__layer === ids[1] ? ids[0] : ids[1]; // the other layer
      await set(window.__layer);
      const t1 = performance.now();
      const t2 = await painted;
      // Main-thread time of the switch: the call and its microtasks, then the frame's work;
      // the idle wait for the next vsync in between is left out (it quantises to 16.7 ms).
      const r = { wall: t2 - t0, busy: (t1 - t0) + (t2 - Math.max(t1, frameStart)) };
      // Then the page settles (work it defers to idle time, e.g. our hidden table) before it
      // is frozen: frozen past an idle callback's timeout, that work would run as a task in
      // the next measured switch, which a user switching by hand never sees.
      await new Promise((ok) => requestIdleCallback(() => ok(), { timeout: 1000 }));
      return r;
    };
  }, [LAYERS, name.startsWith('ours')]);
  return { name, ctx, p, cdp, errors, loaded };
}

/** Freezes a page (no tasks, no frames: ECharts' render loop asks for a frame every vsync)
 *  or lets it run again. */
const lifecycle = (c, state) => c.cdp.send('Page.setWebLifecycleState', { state });

/**
 * Layer switches of every open contender, paired: at each CPU rate, switch k of every
 * contender runs before switch k + 1 of any (the order rotating), so a change in the
 * machine's load over the run falls on all contenders alike (this machine is shared). Only
 * the contender measured runs; the others are frozen.
 */
async function switches(open, rate) {
  const out = Object.fromEntries(open.map((c) => [c.name, { wall: [], busy: [] }]));
  const n = SWITCHES + (SWITCHES % 2) + 3;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < open.length; k++) {
      const c = open[(i + k) % open.length];
      // Thawed and throttled only while it is measured: throttled pages left open slow the
      // measured one down out of proportion (one renderer process each, two cores).
      await lifecycle(c, 'active');
      await c.cdp.send('Emulation.setCPUThrottlingRate', { rate });
      const s = await c.p.evaluate(() => window.__switchOnce());
      await c.cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await lifecycle(c, 'frozen');
      if (i >= 3) { out[c.name].wall.push(s.wall); out[c.name].busy.push(s.busy); } // 3 warm-up switches
    }
  }
  return out;
}

/** Hovers on one contender's page at `rate`: real pointer moves alternating between two towns' seats. */
async function hovers(c, rate) {
  const p = c.p;
  await c.cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const seats = await p.evaluate(([ours, towns]) => {
    const pick = (lon, lat) => {
      if (ours) {
        const w = document.querySelector('zs-risk-map');
        const [x, y] = w.map.toCss(lon, lat);
        const r = w.shadowRoot.querySelector('canvas').getBoundingClientRect();
        return [r.left + x, r.top + y];
      }
      const [x, y] = window.__seatPx(lon, lat);
      const r = document.getElementById('chart').getBoundingClientRect();
      return [r.left + x, r.top + y];
    };
    return towns.map(([lo, la]) => pick(lo, la));
  }, [c.name.startsWith('ours'), [layers[LAYERS[0]].data[0].seat, layers[LAYERS[0]].data[12].seat]]);
  await p.evaluate(() => { window.__hover.length = 0; });
  for (let i = 0; i < HOVERS + 2; i++) {
    const [x, y] = seats[i % 2];
    await p.mouse.move(x, y, { steps: 1 });
    await p.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  }
  return p.evaluate(() => window.__hover.slice(2));
}

/** One run: every contender loaded in a fresh context (one after another, the order rotating
 *  per run), then the paired switches at CPU ×1 and ×4, then each one's hovers. */
async function runOnce(r) {
  const open = [];
  for (let k = 0; k < CONTENDERS.length; k++) {
    const c = await load(CONTENDERS[(r + k) % CONTENDERS.length]);
    await lifecycle(c, 'frozen'); // while the next one loads
    open.push(c);
  }
  const sw = { 1: await switches(open, 1), [SLOW_CPU]: await switches(open, SLOW_CPU) };
  const res = {};
  for (const c of open) {
    await lifecycle(c, 'active');
    const hover = { 1: await hovers(c, 1), [SLOW_CPU]: await hovers(c, SLOW_CPU) };
    const shown = await c.p.evaluate((ours) => (ours
      ? !document.querySelector('zs-risk-map').shadowRoot.querySelector('.tooltip').hidden
      : [...document.querySelectorAll('#chart div')].some((d) => d.style.display !== 'none' && /<br>|·/.test(d.innerHTML))), c.name.startsWith('ours'));
    await c.p.screenshot({ path: join(OUT, `${c.name}.png`) });
    const s1 = sw[1][c.name], s4 = sw[SLOW_CPU][c.name];
    await lifecycle(c, 'frozen');
    res[c.name] = { ...c.loaded, switch1: median(s1.busy), switch4: median(s4.busy), switchWall1: median(s1.wall), switchWall4: median(s4.wall), hover1: median(hover[1]), hover4: median(hover[SLOW_CPU]), tooltipShown: shown, errors: c.errors };
  }
  for (const c of open) await c.ctx.close();
  return res;
}

function median(a) {
  if (!a.length) return NaN;
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const results = Object.fromEntries(CONTENDERS.map((c) => [c, []]));
for (let r = 0; r < RUNS; r++) {
  const run = await runOnce(r);
  for (const [name, res] of Object.entries(run)) {
    results[name].push(res);
    process.stderr.write(`run ${r + 1}/${RUNS} ${name}: drawn ${res.drawn.toFixed(0)} ms, ${(res.bytes / 1024).toFixed(1)} KiB, switch ${res.switch1.toFixed(1)}/${res.switch4.toFixed(1)} ms${res.errors.length ? ` ERRORS ${res.errors.join(' | ')}` : ''}\n`);
  }
}
await browser.close();
server.close();

// ---- report ------------------------------------------------------------------------------

const METRICS = [
  ['drawn', 'load → drawn, slow link (ms)', 0],
  ['bytes', 'bytes before drawn (KiB)', 1, 1 / 1024],
  ['requests', 'requests before drawn', 0],
  ['switch1', 'layer switch → painted, CPU ×1 (ms)', 1],
  ['switch4', `layer switch → painted, CPU ×${SLOW_CPU} (ms)`, 1],
  ['switchWall1', 'same, wall clock incl. vsync wait, ×1 (ms)', 1],
  ['switchWall4', `same, wall clock incl. vsync wait, ×${SLOW_CPU}`, 1],
  ['hover1', 'hover → painted, CPU ×1 (ms)', 1],
  ['hover4', `hover → painted, CPU ×${SLOW_CPU} (ms)`, 1],
];
const summary = {};
for (const c of CONTENDERS) {
  summary[c] = {};
  for (const [key, , , k = 1] of METRICS) {
    const v = results[c].map((x) => x[key] * k);
    summary[c][key] = { median: median(v), min: Math.min(...v), max: Math.max(...v) };
  }
}
const fmt = (s, d) => `${s.median.toFixed(d)} [${s.min.toFixed(d)}–${s.max.toFixed(d)}]`;
const lines = [];
lines.push(`side by side with Apache ECharts ${echartsVersion} — ${RUNS} runs, fresh context each, interleaved, switches paired; gzip; slow link 400 kbps, 400 ms RTT, CPU ×${SLOW_CPU}`);
lines.push(`median [min–max]; ratio = ours ÷ ECharts (< 1: ours is faster/smaller)`);
const w0 = 44;
const w1 = 24;
const label = { ours: 'ours', minimal: 'ECharts minimal', full: 'ECharts full', 'ours-preload': 'ours + preload hints' };
lines.push(`${''.padEnd(w0)}${CONTENDERS.map((c) => label[c].padEnd(w1)).join('')}ours÷minimal ours÷full  ours+preload÷minimal`);
for (const [key, name, d] of METRICS) {
  const r = (a, b) => (summary[a][key].median / summary[b][key].median).toFixed(2);
  lines.push(`${name.padEnd(w0)}${CONTENDERS.map((c) => fmt(summary[c][key], d).padEnd(w1)).join('')}`
    + `${r('ours', 'minimal').padEnd(13)}${r('ours', 'full').padEnd(11)}${r('ours-preload', 'minimal')}`);
}
const errs = CONTENDERS.flatMap((c) => results[c].flatMap((r) => r.errors.map((e) => `${c}: ${e}`)));
const tips = CONTENDERS.map((c) => `${c} ${results[c].filter((r) => r.tooltipShown).length}/${RUNS}`).join(', ');
lines.push(`tooltip shown after the hovers: ${tips}${errs.length ? `\npage errors: ${errs.join(' | ')}` : ''}`);
for (const c of ['ours', 'ours-preload']) {
  lines.push(`${c}, first run's requests (start → end ms, bytes): ${results[c][0].waterfall.map((r) => `${r.name} ${r.start.toFixed(0)}→${r.end.toFixed(0)} ${r.bytes}`).join('; ')}`);
}
console.log(lines.join('\n'));
writeFileSync(JSON_OUT, JSON.stringify({ date: new Date().toISOString(), echarts: echartsVersion, runs: RUNS, link: LINK, cpu: SLOW_CPU, box: BOX, layers: LAYERS, summary, results }, null, 1));
console.log(`JSON: ${JSON_OUT}; pages and screenshots: ${OUT}`);
