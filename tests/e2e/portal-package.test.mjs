// The npm package: scripts/package.sh output (folder + tarball), its package.json, and a
// `--strict` TypeScript consumer of the TARBALL (tests/ts-consumer) that must compile.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPortal } from './harness.mjs';

let root;
let version;
before(() => {
  ({ root } = buildPortal());
  version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1];
});

test('package.sh builds the folder and the tarball with a complete package.json', () => {
  const dir = join(root, 'dist', 'zs-risk-map');
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'zs-risk-map');
  assert.equal(pkg.version, version);
  assert.equal(pkg.license, 'MIT OR Apache-2.0');
  assert.equal(pkg.types, './types/zs-risk-map.d.ts');
  assert.deepEqual(Object.keys(pkg.exports), ['.', './module', './package.json']);
  for (const f of ['zs-risk-map.js', 'i18n.js', 'i18n-views.js', 'sheet.js', 'views/typhoon.js', 'views/payout.js', 'views/premium.js', 'views/pricing.js',
    'views/common.js', 'views/view-kit.js', 'views/field-errors.js', 'pkg/zs_risk_map_map.js', 'pkg/zs_risk_map.js', 'pkg/zs_risk_map.d.ts',
    'types/zs-risk-map.d.ts', 'README.md', 'LICENSE']) {
    assert.ok(existsSync(join(dir, f)), `missing ${f}`);
  }
  // Both bundles (map first, engines on demand) have content-hashed names and the element
  // points at them.
  const wasm = readdirSync(join(dir, 'pkg')).filter((f) => f.endsWith('.wasm')).sort();
  assert.equal(wasm.length, 2);
  assert.match(wasm[0], /^zs_risk_map_bg\.[0-9a-f]{10}\.wasm$/);
  assert.match(wasm[1], /^zs_risk_map_map_bg\.[0-9a-f]{10}\.wasm$/);
  const element = readFileSync(join(dir, 'zs-risk-map.js'), 'utf8');
  // The element is the minified one (scripts/minify.mjs): it names each hashed wasm once, and
  // the unhashed names no more.
  assert.ok(element.includes(`"${wasm[0]}"`), `element does not name ${wasm[0]}`);
  assert.ok(element.includes(`"${wasm[1]}"`), `element does not name ${wasm[1]}`);
  assert.doesNotMatch(element, /["']zs_risk_map(_map)?_bg\.wasm["']/);
  // Minified, source readable in git: no comment lines, and smaller than www/zs-risk-map.js.
  const source = readFileSync(join(root, 'www', 'zs-risk-map.js'), 'utf8');
  assert.doesNotMatch(element, /^\s*\/\//m, 'the packaged element still has comment lines');
  assert.ok(element.length < 0.8 * source.length, `packaged element ${element.length} B vs source ${source.length} B`);
  for (const f of ['views/briefing.js', 'pkg/zs_risk_map_map.js', 'pkg/zs_risk_map.js']) {
    assert.doesNotMatch(readFileSync(join(dir, f), 'utf8'), /^\s*(\/\/|\/\*\*)/m, `${f} is not minified`);
  }
  assert.equal(pkg.zsRiskMap.wasm, `pkg/${wasm[0]}`);
  assert.equal(pkg.zsRiskMap.mapWasm, `pkg/${wasm[1]}`);
  // Nothing in the package needs an inline style or script.
  for (const f of ['zs-risk-map.js', 'i18n-views.js', 'views/view-kit.js', 'sheet.js', 'views/typhoon.js', 'views/payout.js', 'views/premium.js', 'views/pricing.js']) {
    const src = readFileSync(join(dir, f), 'utf8');
    assert.doesNotMatch(src, /h\('style'|`<style>|setAttribute\('style'|style="/, `${f} uses an inline style`);
  }
  const tgz = join(root, 'dist', `zs-risk-map-${version}.tgz`);
  assert.ok(existsSync(tgz));
  const list = execFileSync('tar', ['-tzf', tgz], { encoding: 'utf8' });
  assert.match(list, /package\/pkg\/zs_risk_map_bg\.[0-9a-f]{10}\.wasm/);
  assert.match(list, /package\/pkg\/zs_risk_map_map_bg\.[0-9a-f]{10}\.wasm/);
  assert.match(list, /package\/i18n-views\.js/);
  assert.match(list, /package\/types\/zs-risk-map\.d\.ts/);
});

test('a --strict TypeScript consumer of the tarball compiles (and a wrong type does not)', () => {
  const work = mkdtempSync(join(tmpdir(), 'zs-ts-'));
  try {
    const nm = join(work, 'node_modules', 'zs-risk-map');
    mkdirSync(nm, { recursive: true });
    execFileSync('tar', ['-xzf', join(root, 'dist', `zs-risk-map-${version}.tgz`), '-C', nm, '--strip-components=1']);
    cpSync(join(root, 'tests', 'ts-consumer'), work, { recursive: true });
    const tsc = join(root, 'node_modules', '.bin', 'tsc');
    const run = () => execFileSync(tsc, ['-p', join(work, 'tsconfig.json'), '--strict'], { cwd: work, encoding: 'utf8', stdio: 'pipe' });
    run();
    // The check can fail: a consumer that passes a number where a town code string is read.
    writeFileSync(join(work, 'consumer.ts'), readFileSync(join(work, 'consumer.ts'), 'utf8') + "\nexport const bad: number = document.createElement('zs-risk-map').districts[0].code;\n");
    let out = '';
    try { run(); } catch (e) { out = `${e.stdout}${e.stderr}`; }
    assert.match(out, /TS2322|not assignable/, 'tsc must reject a string code used as a number');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
