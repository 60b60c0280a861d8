// The shipped tree of the widget, minified (docs/performance.md §2, README "Size budget"):
//
//   node scripts/minify.mjs [OUT]      (default OUT = www/build; scripts/build.sh runs it)
//
// Every module the element ships — the element, its strings, the sheet writer, every view and
// the two wasm-bindgen glue files — goes through esbuild's `transform` (minify, ESM) one file at
// a time, into the same relative path under OUT; the wasm binaries and the glue's .d.ts are
// copied beside them. One file in, one file out: module structure, file names and relative
// imports stay as written (the element imports its views and glue by URL relative to
// `import.meta.url`), nothing is bundled, and nothing inline or eval-like is added (CSP). The
// readable sources stay in git; OUT is git-ignored and is what the demo pages, the end-to-end
// tests, the size budget and scripts/package.sh use.
import { transform } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const www = join(root, 'www');
const out = resolve(root, process.argv[2] || 'www/build');

/** The element's modules (paths relative to www/), every view included. */
const modules = [
  'zs-risk-map.js', 'i18n.js', 'i18n-views.js', 'sheet.js',
  ...readdirSync(join(www, 'views')).filter((f) => f.endsWith('.js')).sort().map((f) => `views/${f}`),
  // The wasm-bindgen glue of the two bundles (scripts/build.sh puts them in www/pkg).
  'pkg/zs_risk_map_map.js', 'pkg/zs_risk_map.js',
];
/** Copied as they are. */
const binaries = ['pkg/zs_risk_map_map_bg.wasm', 'pkg/zs_risk_map_bg.wasm', 'pkg/zs_risk_map.d.ts'];

/** Relative specifiers a module names (static imports, `new URL('./…', import.meta.url)`). */
const relativeRefs = (code) => new Set([...code.matchAll(/["'`](\.\.?\/[^"'`$]*)["'`$]/g)].map((m) => m[1]));

rmSync(out, { recursive: true, force: true });
let before = 0;
let after = 0;
/**
 * The stylesheets written as template literals marked `/* css *\/` (the element's shadow-root
 * CSS, the views'), minified by esbuild's CSS minifier: the JS minifier leaves string contents
 * alone. Only literals with no `${…}` and no backslash (their text is the CSS as written).
 */
async function minifyCssLiterals(src, rel) {
  let outSrc = src;
  for (const m of src.matchAll(/\/\* css \*\/ `([^`]*)`/g)) {
    if (m[1].includes('${') || m[1].includes('\\')) throw new Error(`${rel}: a /* css */ literal with \${} or a backslash`);
    const css = (await transform(m[1], { loader: 'css', minify: true })).code.trim();
    outSrc = outSrc.replace(m[0], `\`${css}\``);
  }
  return outSrc;
}

for (const rel of modules) {
  const src = readFileSync(join(www, rel), 'utf8');
  const { code, warnings } = await transform(await minifyCssLiterals(src, rel), {
    loader: 'js', format: 'esm', minify: true, legalComments: 'inline', sourcefile: rel,
  });
  for (const w of warnings) console.error(`${rel}: ${w.text}`);
  // CSP: the minifier must not introduce eval-like code (script-src has no 'unsafe-eval').
  for (const bad of [/\beval\(/, /\bnew Function\(/]) {
    if (bad.test(code) && !bad.test(src)) throw new Error(`${rel}: minified output contains ${bad}`);
  }
  // Relative imports and URLs must survive as written (the element loads views by URL); the
  // reference list is taken from the unminified transform, which has dropped the comments.
  const plain = (await transform(src, { loader: 'js', format: 'esm' })).code;
  for (const ref of relativeRefs(plain)) {
    if (!relativeRefs(code).has(ref)) throw new Error(`${rel}: relative reference ${ref} lost in minification`);
  }
  mkdirSync(dirname(join(out, rel)), { recursive: true });
  writeFileSync(join(out, rel), code);
  before += src.length;
  after += code.length;
}
for (const rel of binaries) copyFileSync(join(www, rel), join(out, rel));
console.error(`minified ${modules.length} modules into ${out}: ${(before / 1024).toFixed(1)} KiB → ${(after / 1024).toFixed(1)} KiB raw`);
