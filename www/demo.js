// Demo page script (a file, not an inline <script>: the demo obeys the same CSP a portal uses).
import './build/zs-risk-map.js';

const w = document.getElementById('widget');
const log = (name, detail) => {
  const el = document.getElementById('events');
  el.textContent = `${new Date().toISOString().slice(11, 19)} ${name} ${JSON.stringify(detail)}\n` + el.textContent.slice(0, 4000);
};
for (const ev of ['ready', 'district-select', 'layer-change', 'error', 'simulated', 'quoted', 'priced']) w.addEventListener(ev, (e) => log(ev, e.detail));
document.getElementById('load-osm').addEventListener('click', () => w.loadDistrictsFromUrl('/_shared/data/zhongshan_towns_osm.geojson',
  { crs: 'WGS84', attribution: '© OpenStreetMap contributors (ODbL)' }).catch(() => {}));
document.getElementById('load-bad').addEventListener('click', () => w.loadDistricts('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"X1"},"geometry":{"type":"Polygon","coordinates":[[[113.3,22.5],[113.4,22.5],[113.4,22.6]]]}}]}').catch(() => {}));
document.getElementById('use-builtin').addEventListener('click', () => w.useBuiltinDistricts());
document.getElementById('briefing').addEventListener('click', () => w.toggleAttribute('briefing'));
