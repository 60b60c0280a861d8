// The shareable scenario's shape and its check (docs/briefing.md §7.3): the defaults and
// `parseScenario`, which validates everything that needs no engine (JSON, types, known keys,
// enum values, static ranges). Loaded with the element (a map-bundle module), so `el.scenario`
// can be read and a bad assignment thrown synchronously before views/briefing.js arrives.

/** The what-if sliders (台风假设情景): key, range, default. One list for the typhoon view, the
 *  scenario validation and the payout label. */
export const WHAT_IF = [
  ['shift_east_km', -150, 150, 5, 0],
  ['shift_north_km', -150, 150, 5, 0],
  ['rotate_deg', -60, 60, 5, 0],
  ['dp_hpa', -40, 40, 1, 0],
  ['rmw_factor', 0.5, 2, 0.05, 1],
  ['speed_factor', 0.5, 2, 0.05, 1],
];
const VIEWS = ['map', 'typhoon', 'payout', 'forecast', 'premium', 'pricing'];
const MODELS = ['H08', 'H1980', 'H10'];
/** Largest scenario JSON accepted (a custom track or bulletin rides inside it). */
const MAX_SCENARIO_BYTES = 200 * 1024;

/** The default scenario: every field, in a fixed order (so two equal pictures give equal JSON). */
export function defaultScenario() {
  return {
    version: 1,
    view: 'map',
    layer: null,
    storm: 'hato',
    custom_track: null,
    model: 'H08',
    wind_layer: 'surface',
    what_if: Object.fromEntries(WHAT_IF.map(([k, , , , d]) => [k, d])),
    step: null,
    colour_by: 'peak',
    heat: true,
    map: 'city',
    region: null,
    policy: null,
    forecast: { bulletin: null, members: 200, seed: 2023, run: false },
    present: { high_contrast: false },
  };
}

export function bad(code, field, zh, en) {
  const e = new Error(en);
  e.name = 'RiskMapError';
  Object.assign(e, { code, field, messageZh: zh, messageEn: en });
  return e;
}
const isObj = (v) => v != null && typeof v === 'object' && !Array.isArray(v);
const num = (field, zh, v, lo, hi) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) {
    throw bad('OUT_OF_RANGE', `scenario.${field}`, `情景 ${zh} 须为 ${lo}–${hi} 的数，收到 ${String(v)}`, `scenario.${field} must be a number from ${lo} to ${hi}, got ${String(v)}`);
  }
  return v;
};
const oneOf = (field, zh, v, list) => {
  if (!list.includes(v)) {
    throw bad('INVALID_INPUT', `scenario.${field}`, `情景 ${zh} 须为 ${list.join(' / ')} 之一，收到 ${JSON.stringify(v)}`, `scenario.${field} must be one of ${list.join(' / ')}, got ${JSON.stringify(v)}`);
  }
  return v;
};
const strOrNull = (field, zh, v, max) => {
  if (v == null) return null;
  if (typeof v !== 'string' || v.length > max) {
    throw bad('INVALID_INPUT', `scenario.${field}`, `情景 ${zh} 须为不超过 ${max} 字符的字符串或 null`, `scenario.${field} must be a string of at most ${max} characters, or null`);
  }
  return v;
};
function known(obj, keys, field) {
  for (const k of Object.keys(obj)) {
    if (!keys.includes(k)) throw bad('INVALID_INPUT', `${field}.${k}`, `情景中没有字段 ${field}.${k}`, `unknown field ${field}.${k}`);
  }
}

/**
 * Parses and checks a scenario (JSON text or object) against the shape of
 * `defaultScenario()`; missing fields keep `base`'s values. Throws a RiskMapError naming the
 * field (`scenario.what_if.dp_hpa`…); nothing is applied on error.
 */
export function parseScenario(input, base = defaultScenario()) {
  let s = input;
  if (typeof s === 'string') {
    if (s.length > MAX_SCENARIO_BYTES) throw bad('TOO_LARGE', 'scenario', `情景 JSON 超过 ${MAX_SCENARIO_BYTES / 1024} KiB`, `scenario JSON is over ${MAX_SCENARIO_BYTES / 1024} KiB`);
    try { s = JSON.parse(s); } catch (e) { throw bad('NOT_JSON', 'scenario', `情景不是有效的 JSON：${e.message}`, `scenario is not valid JSON: ${e.message}`); }
  }
  if (!isObj(s)) throw bad('INVALID_INPUT', 'scenario', '情景须为 JSON 对象', 'scenario must be a JSON object');
  const out = structuredClone(base);
  known(s, Object.keys(out), 'scenario');
  if ('version' in s && s.version !== 1) throw bad('INVALID_INPUT', 'scenario.version', `不支持的情景版本 ${JSON.stringify(s.version)}`, `unsupported scenario version ${JSON.stringify(s.version)}`);
  if ('view' in s) out.view = oneOf('view', '视图', s.view, VIEWS);
  if ('layer' in s) out.layer = strOrNull('layer', '图层', s.layer, 64);
  if ('storm' in s) out.storm = strOrNull('storm', '台风', s.storm, 32) ?? 'hato';
  if ('custom_track' in s) out.custom_track = strOrNull('custom_track', '自定义路径', s.custom_track, MAX_SCENARIO_BYTES);
  if ('model' in s) out.model = oneOf('model', '风场模型', s.model, MODELS);
  if ('wind_layer' in s) out.wind_layer = oneOf('wind_layer', '风速图层', s.wind_layer, ['surface', 'reference']);
  if ('what_if' in s) {
    if (!isObj(s.what_if)) throw bad('INVALID_INPUT', 'scenario.what_if', '假设情景须为对象', 'scenario.what_if must be an object');
    known(s.what_if, WHAT_IF.map((w) => w[0]), 'scenario.what_if');
    for (const [k, lo, hi] of WHAT_IF) if (k in s.what_if) out.what_if[k] = num(`what_if.${k}`, k, s.what_if[k], lo, hi);
  }
  if ('step' in s) out.step = s.step == null ? null : num('step', '时间步', s.step, 0, 10000);
  if (out.step != null && !Number.isInteger(out.step)) throw bad('OUT_OF_RANGE', 'scenario.step', '时间步须为整数', 'scenario.step must be a whole number');
  if ('colour_by' in s) out.colour_by = oneOf('colour_by', '镇街着色', s.colour_by, ['peak', 'now']);
  if ('heat' in s) { if (typeof s.heat !== 'boolean') throw bad('INVALID_INPUT', 'scenario.heat', '热力图开关须为 true/false', 'scenario.heat must be true or false'); out.heat = s.heat; }
  if ('map' in s) out.map = oneOf('map', '地图范围', s.map, ['city', 'region']);
  if ('region' in s) {
    if (s.region == null) out.region = null;
    else {
      if (!isObj(s.region)) throw bad('INVALID_INPUT', 'scenario.region', '区域视图须为 {lon, lat, zoom}', 'scenario.region must be {lon, lat, zoom}');
      known(s.region, ['lon', 'lat', 'zoom'], 'scenario.region');
      out.region = { lon: num('region.lon', '经度', s.region.lon, 90, 180), lat: num('region.lat', '纬度', s.region.lat, 0, 50), zoom: num('region.zoom', '缩放', s.region.zoom, 1, 32) };
    }
  }
  if ('policy' in s) {
    if (s.policy != null && !isObj(s.policy)) throw bad('INVALID_INPUT', 'scenario.policy', '保单须为 JSON 对象或 null', 'scenario.policy must be a JSON object or null');
    out.policy = s.policy ?? null;
  }
  if ('forecast' in s) {
    const f = s.forecast;
    if (!isObj(f)) throw bad('INVALID_INPUT', 'scenario.forecast', '预报设置须为对象', 'scenario.forecast must be an object');
    known(f, ['bulletin', 'members', 'seed', 'run'], 'scenario.forecast');
    if ('bulletin' in f) out.forecast.bulletin = strOrNull('forecast.bulletin', '预报报文', f.bulletin, 64 * 1024);
    if ('members' in f) out.forecast.members = num('forecast.members', '集合成员数', f.members, 1, 500);
    if ('seed' in f) out.forecast.seed = num('forecast.seed', '随机种子', f.seed, 0, Number.MAX_SAFE_INTEGER);
    if ('run' in f) out.forecast.run = f.run === true;
    for (const k of ['members', 'seed']) if (!Number.isInteger(out.forecast[k])) throw bad('OUT_OF_RANGE', `scenario.forecast.${k}`, `${k} 须为整数`, `scenario.forecast.${k} must be a whole number`);
  }
  if ('present' in s) {
    if (!isObj(s.present)) throw bad('INVALID_INPUT', 'scenario.present', '演示设置须为对象', 'scenario.present must be an object');
    known(s.present, ['high_contrast'], 'scenario.present');
    out.present.high_contrast = s.present.high_contrast === true;
  }
  return out;
}
