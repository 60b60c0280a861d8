// A portal's TypeScript using the packaged element (compiled with --strict by
// tests/e2e/portal-package.test.mjs against the npm tarball, not the source tree).
import { loadWasm, type DistrictRow, type ErrorDetail, type ZsRiskMap, type PricedDetail } from 'zs-risk-map';

export async function embed(host: HTMLElement): Promise<string> {
  const el = document.createElement('zs-risk-map'); // typed through HTMLElementTagNameMap
  const typed: ZsRiskMap = el;
  typed.setAttribute('layer', 'surge');
  host.append(el);
  const { version } = await el.ready;

  el.addEventListener('district-select', (e) => {
    const row = e.detail; // DistrictSelectDetail
    if (row) {
      const code: string = row.code;
      const name: string = row.name_zh;
      console.log(code, name, row.layer, row.value ?? 'no value');
    }
  });
  el.addEventListener('layer-change', (e) => console.log(e.detail.layer));
  el.addEventListener('error', (e) => {
    const d: ErrorDetail = e.detail;
    if (d.fatal) console.warn(d.code, d.field, d.message);
  });
  el.addEventListener('priced', (e) => {
    const p: PricedDetail = e.detail;
    console.log(p.expected_annual_payout, p.return_periods.map((r) => r.aep));
  });

  await el.setLayer('waterlogging');
  await el.selectDistrict(442000001); // numbers are accepted for town codes
  await el.selectDistrict(null);
  const rows: DistrictRow[] = el.districts;
  const png: Blob = await el.exportPng({ scale: 2 });
  const svg: Blob = await el.exportSvg();
  const csv: Blob = await el.exportCsv();
  const layers = el.layers.map((l) => `${l.id}:${l.kind}`);
  const summary = await el.loadDistricts({ type: 'FeatureCollection', features: [] }, { crs: 'GCJ02', attribution: '审图号' }).catch(() => null);
  console.log(rows.length, png.size + svg.size + csv.size, layers, summary?.count);

  // The lower-level module API, typed by wasm-bindgen's declarations.
  const wasm = await loadWasm();
  const v: string = wasm.version();
  return `${version} ${v}`;
}

// Must not compile: wrong attribute types are caught.
// @ts-expect-error scale must be a number
void (document.createElement('zs-risk-map').exportPng({ scale: '2' }));
