// Static server for the demo and the end-to-end tests (loopback only, no dependencies).
//
//   node scripts/serve.mjs [port]      serves the repository root on http://127.0.0.1:PORT/
//
// `.wasm` is served as application/wasm (streaming instantiation needs it). For local demos
// and tests, /_shared/data/* maps to ../shared/data/ beside the checkout, so the OSM town
// polygons (ODbL) can be loaded at run time without ever being copied into the project.
// `startServer(port, host, { gzip: true })` compresses responses (gzip -9, as scripts/build.sh
// measures the budget) for clients that accept it: the side-by-side benchmark
// (tests/e2e/bench-echarts.mjs) measures what a compressing portal server sends.
import { createServer } from 'node:http';
import { gzipSync, constants as zlib } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(root, '..', 'shared', 'data');
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8', '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.md': 'text/markdown; charset=utf-8',
};

/** Text and wasm types worth compressing (images are already compressed). */
const COMPRESSIBLE = /^(text\/|application\/(wasm|json|geo\+json)|image\/svg)/;
const gzCache = new Map(); // file → {mtimeMs, size, body}: each file is compressed once

export function startServer(port = 8765, host = '127.0.0.1', { gzip = false } = {}) {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      let path = decodeURIComponent(url.pathname);
      let base = root;
      if (path.startsWith('/_shared/data/')) { base = shared; path = path.slice('/_shared/data'.length); }
      if (path.endsWith('/')) path += 'index.html';
      const file = normalize(join(base, path));
      if (!file.startsWith(base)) { res.writeHead(403).end('forbidden'); return; }
      const st = await stat(file).catch(() => null);
      if (!st || !st.isFile()) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
      let body = await readFile(file);
      const type = types[extname(file)] || 'application/octet-stream';
      const headers = { 'content-type': type, 'cache-control': 'no-store' };
      if (gzip && COMPRESSIBLE.test(type) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
        let c = gzCache.get(file);
        if (!c || c.mtimeMs !== st.mtimeMs || c.size !== st.size) {
          c = { mtimeMs: st.mtimeMs, size: st.size, body: gzipSync(body, { level: zlib.Z_BEST_COMPRESSION }) };
          gzCache.set(file, c);
        }
        body = c.body;
        headers['content-encoding'] = 'gzip';
        headers.vary = 'accept-encoding';
      }
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      res.end(body);
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] || process.env.PORT || 8765);
  const server = await startServer(port);
  const { port: p } = server.address();
  console.log(`Serving ${root} at http://127.0.0.1:${p}/www/  (demo page)  — Ctrl+C to stop`);
}
