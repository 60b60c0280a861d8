// Shared set-up for the end-to-end tests: a loopback static server, Debian's Chromium driven by
// playwright-core, and pages that record every console error and page error.
import { chromium } from 'playwright-core';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';

export const SHOTS = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');
mkdirSync(SHOTS, { recursive: true });

export const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export async function setup() {
  const server = await startServer(0);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS });
  return {
    base,
    browser,
    /** Opens a page and collects console errors / page errors into page.errors. */
    async open(path = '/www/index.html', { dpr = 1, width = 1280, height = 900, touch = false } = {}) {
      const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: dpr, hasTouch: touch, isMobile: touch });
      page.errors = [];
      page.on('console', (m) => { if (m.type() === 'error') page.errors.push(`console: ${m.text()}`); });
      page.on('pageerror', (e) => page.errors.push(`pageerror: ${e.message}`));
      // Every Content-Security-Policy violation is recorded (the console reports most, not all).
      await page.addInitScript(() => {
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
      });
      await page.goto(base + path);
      await page.waitForFunction(() => { const w = document.querySelector('zs-risk-map'); return w && (w.state === 'ready' || w.state === 'failed'); }, null, { timeout: 30000 });
      return page;
    },
    async close() { await browser.close(); server.close(); },
  };
}

/** Evaluates inside the widget's shadow root. */
export const inWidget = (page, fn, arg) => page.evaluate(([src, a]) => {
  const w = document.querySelector('zs-risk-map');
  return new Function('w', 'root', 'arg', `return (${src})(w, root, arg);`)(w, w.shadowRoot, a);
}, [fn.toString(), arg]);

/** CSP violations seen by the page so far. */
export const cspViolations = (page) => page.evaluate(() => window.__csp || []);

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page, shadow roots included; returns the
 * violations as short strings. Injected through the DevTools protocol, so it also runs under
 * a strict CSP without weakening it.
 */
export async function axe(page) {
  await page.evaluate(readFileSync(AXE, 'utf8'));
  const res = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.help} — ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target) + ' ' + (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 160)).join(' | ')}`);
  });
  return res;
}

/** Switches the widget to a view and waits until that view's controller exists. */
export async function showView(page, view, sel = 'zs-risk-map') {
  await page.evaluate(([v, s]) => document.querySelector(s).setAttribute('view', v), [view, sel]);
  await page.waitForFunction(([v, s]) => { const w = document.querySelector(s); return v === 'map' || w.views.has(v); }, [view, sel], { timeout: 30000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** The CSP a government portal typically sends (docs/embedding.md §2). */
export const PORTAL_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

let packaged = null;
/**
 * Builds the package (scripts/package.sh, reusing www/build) and a portal host page that uses the
 * PACKAGED folder under the strict CSP: the portal's own CSS (`* { font-size: 12px }`, a dark
 * header), no inline script or style. Served at /tests/e2e/out/portal/{index,two}.html.
 */
export function buildPortal() {
  if (packaged) return packaged;
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  execFileSync('bash', ['scripts/package.sh'], { cwd: root, env: { ...process.env, ZS_SKIP_BUILD: '1' }, stdio: ['ignore', 'ignore', 'inherit'] });
  const out = join(root, 'tests', 'e2e', 'out', 'portal');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'widgets'), { recursive: true });
  cpSync(join(root, 'dist', 'zs-risk-map'), join(out, 'widgets', 'zs-risk-map'), { recursive: true });
  const page = (title, body) => `<!doctype html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Security-Policy" content="${PORTAL_CSP}">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="favicon.svg">
<link rel="stylesheet" href="portal.css">
<script type="module" src="widgets/zs-risk-map/zs-risk-map.js"></script>
<script type="module" src="portal.js"></script>
</head>
<body>
<header class="portal-header"><strong>中山市人民政府</strong> · 应急管理局 <nav><a href="#">首页</a> <a href="#">政务公开</a></nav></header>
<main>
<h1>灾害保险风险图</h1>
${body}
</main>
</body>
</html>
`;
  writeFileSync(join(out, 'index.html'), page('门户 · 灾害保险风险图', '<zs-risk-map id="widget" layer="surge" lang="zh-CN"></zs-risk-map>'));
  writeFileSync(join(out, 'two.html'), page('门户 · 两个实例', '<zs-risk-map id="a" layer="surge"></zs-risk-map>\n<zs-risk-map id="b" layer="waterlogging" lang="en" view="typhoon"></zs-risk-map>'));
  writeFileSync(join(out, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1" fill="#0b1f3a"/></svg>');
  writeFileSync(join(out, 'portal.css'), `/* A portal's own stylesheet: global rules that must not restyle the widget. */
* { font-size: 12px; }
body { margin: 0; background: #0b1f3a; color: #fff; font-family: serif; line-height: 2; text-align: center; }
.portal-header { background: #0b1f3a; color: #fff; padding: 10px 16px; }
.portal-header a { color: #9cc7ff; }
main { background: #f4f6f9; color: #222; padding: 8px; }
zs-risk-map { height: 860px; margin: 0 auto; max-width: 1400px; }
body.light, body.light .portal-header { background: #fff; color: #111; }
body.light .portal-header { border-bottom: 4px solid #c00; }
`);
  writeFileSync(join(out, 'portal.js'), `// Portal script (a file: the CSP allows no inline script).
window.__events = [];
for (const ev of ['ready', 'layer-change', 'district-select', 'error', 'simulated', 'quoted', 'priced']) {
  document.addEventListener(ev, (e) => window.__events.push({ type: ev, id: e.target.id, composed: e.composed, bubbles: e.bubbles }));
}
`);
  packaged = { root, base: '/tests/e2e/out/portal' };
  return packaged;
}
