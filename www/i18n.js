// UI strings, zh-CN first, English second. Terms follow src/glossary.md.
// Error messages are looked up by the stable error code the wasm module throws.
// The engine views' strings live in i18n-views.js (loaded with the engines, README "Size budget").

export const STRINGS = {
  'zh-CN': {
    appTitle: '中山市灾害保险风险图',
    schematicBadge: '示意图',
    schematicNote: '示意图：镇街驻地的泰森多边形，裁剪至市域陆地轮廓，非行政区划界线。',
    tabMap: '风险地图', tabTyphoon: '台风情景', tabPayout: '赔付模拟', tabPremium: '保费测算', tabPricing: '风险定价',
    layer: '图层', language: 'English', tableView: '表格视图', mapView: '地图视图',
    exportPng: '导出 PNG', exportSvg: '导出 SVG', exportCsv: '导出 CSV',
    code: '代码', town: '镇街', value: '数值', level: '等级', legend: '图例',
    loading: '正在加载…', selected: '已选择', noValue: '无数据',
    mapLabel: '中山市镇街风险地图，可用方向键逐个浏览镇街，回车选择',
    keyboardHint: '方向键浏览镇街 · 回车选择 · Esc 关闭提示',
    errorTitle: '出错了', keepLast: '已保留上一次的有效结果。', dismiss: '关闭',
    fatalTitle: '组件需要重新加载', reload: '重新加载',
    levelLegendHint: '点击图例可高亮该等级的镇街',
    hazardNotLoss: '危险等级不等于损失。',
    units: { yuan: '元', wan: '万元', yi: '亿元' },

    errors: {
      NOT_JSON: '文件不是有效的 JSON', INVALID_GEOMETRY: '边界几何无效', UNSUPPORTED_CRS: '不支持的坐标系',
      INVALID_TRACK: '台风路径无效', UNKNOWN_DISTRICT: '未知的镇街代码', INVALID_TIERS: '赔付档次表无效',
      INVALID_POLICY: '保单参数无效', INVALID_RULE_SET: '费率规则无效', INVALID_INPUT: '输入无效', OUT_OF_RANGE: '数值超出范围', TOO_LARGE: '输入过大',
      RENDER_FAILED: '绘图失败', POISONED: '组件内部错误，需要重新加载', PANIC: '组件内部错误，需要重新加载',
      WASM_LOAD_FAILED: 'WebAssembly 模块加载失败', FETCH_FAILED: '文件下载失败',
    },
  },
  en: {
    appTitle: 'Zhongshan disaster-insurance risk map',
    schematicBadge: 'Schematic',
    schematicNote: 'Schematic: Voronoi cells of the town seats clipped to the city land outline — not administrative boundaries.',
    tabMap: 'Risk map', tabTyphoon: 'Typhoon scenario', tabPayout: 'Payout simulator', tabPremium: 'Premium explainer', tabPricing: 'Risk pricing',
    layer: 'Layer', language: '中文', tableView: 'Table view', mapView: 'Map view',
    exportPng: 'Export PNG', exportSvg: 'Export SVG', exportCsv: 'Export CSV',
    code: 'Code', town: 'Town', value: 'Value', level: 'Level', legend: 'Legend',
    loading: 'Loading…', selected: 'Selected', noValue: 'No data',
    mapLabel: 'Zhongshan town risk map. Use the arrow keys to move between towns, Enter to select',
    keyboardHint: 'Arrow keys: move between towns · Enter: select · Esc: close tooltip',
    errorTitle: 'Something went wrong', keepLast: 'The last valid result is kept.', dismiss: 'Dismiss',
    fatalTitle: 'The widget needs to be reloaded', reload: 'Reload',
    levelLegendHint: 'Click a legend row to highlight its towns',
    hazardNotLoss: 'A hazard level is not a loss.',
    units: { yuan: 'yuan', wan: '10k yuan', yi: '100m yuan' },

    errors: {
      NOT_JSON: 'The file is not valid JSON', INVALID_GEOMETRY: 'Invalid boundary geometry', UNSUPPORTED_CRS: 'Unsupported coordinate system',
      INVALID_TRACK: 'Invalid typhoon track', UNKNOWN_DISTRICT: 'Unknown district code', INVALID_TIERS: 'Invalid payout tiers',
      INVALID_POLICY: 'Invalid policy', INVALID_RULE_SET: 'Invalid rule set', INVALID_INPUT: 'Invalid input', OUT_OF_RANGE: 'Value out of range', TOO_LARGE: 'Input too large',
      RENDER_FAILED: 'Drawing failed', POISONED: 'Internal error: reload the widget', PANIC: 'Internal error: reload the widget',
      WASM_LOAD_FAILED: 'The WebAssembly module failed to load', FETCH_FAILED: 'Download failed',
    },
  },
};


/** Normalises a lang attribute to a dictionary key ('zh-CN' unless it starts with 'en'). */
export function langKey(lang) {
  return String(lang || '').toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/** Looks up a string; falls back to Chinese, then to the key. */
export function t(lang, key) {
  const d = STRINGS[langKey(lang)];
  return key.split('.').reduce((o, k) => (o == null ? o : o[k]), d) ?? STRINGS['zh-CN'][key] ?? key;
}

// Money: the rule of src/money.rs `format_cny` (docs/payout-pricing.md §6; shared vectors
// tests/data/money_format_cases.json). zh: 亿元/万元 cut toward zero (never up onto a limit),
// else 元 to the fen; en: CNY 1,234.50. Decimal strings are read exactly. `signed`: +/− (U+2212);
// `exact`: 元 to the fen at any size (`format_yuan`), for figures the reader adds up.
export function formatCny(amount, lang, signed, exact) {
  let s = typeof amount === 'string' ? amount.trim() : '';
  if (typeof amount === 'number' && Number.isFinite(amount)) {
    s = Math.abs(amount) >= 1e21 ? BigInt(amount) + '' : String(amount);
    if (s.includes('e')) s = amount.toFixed(20);
  }
  const m = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) return String(amount);
  const en = langKey(lang) === 'en', int = m[2].replace(/^0+(?=\d)/, ''), frac = m[3] || '';
  const group = (d) => d.replace(/\B(?=(\d{3})+$)/g, ',');
  const k = en || exact ? 0 : int.length > 8 ? 8 : int.length > 4 ? 4 : 0;
  let body;
  if (k) {
    const tail = (int.slice(-k) + frac).slice(0, k / 2).replace(/0+$/, '');
    body = group(int.slice(0, -k)) + (tail ? '.' + tail : '') + (k > 4 ? '亿元' : '万元');
  } else {
    const f = (frac + '000').slice(0, 3); // half away from zero: up from a third decimal of 5
    const fen = (BigInt(int + f.slice(0, 2)) + (f[2] >= '5' ? 1n : 0n) + '').padStart(3, '0');
    body = group(fen.slice(0, -2)) + '.' + fen.slice(-2) + (en ? '' : '元');
  }
  const sign = !/[1-9]/.test(body) ? '' : m[1] === '-' ? (signed ? '\u2212' : '-') : signed ? '+' : '';
  return signed ? sign + (en ? 'CNY ' : '') + body : (en ? 'CNY ' : '') + sign + body;
}

/** A signed difference of money: `+3.42万元`, `−CNY 1,234.50`; no sign when it shows as zero. */
export const formatCnySigned = (amount, lang) => formatCny(amount, lang, true);

// ---- Portal embedding, exports, accessibility (issue 12; docs/embedding.md) ----------------
STRINGS['zh-CN'].portal = {
  views: '视图', tools: '工具', exportPrint: '打印', exportQuote: '打印报价单', exported: '已导出',
  sourceLabel: '来源', generated: '生成于 {date} · zs-risk-map {version}', schematicBadge: '示意图（非行政区划界线）',
  tapHint: '点按镇街查看数值 · 方向键浏览 · 回车选择',
  altMap: '{title}：镇街风险地图，数值见“表格视图”中的表',
  csvFile: '上传企业 CSV 文件',
  sheetMap: '风险地图',
  inputsTable: '投保信息',
  trapTitle: 'WebAssembly 运行错误（非 Rust panic）', badArg: '参数类型错误',

};
STRINGS.en.portal = {
  views: 'Views', tools: 'Tools', exportPrint: 'Print', exportQuote: 'Print quote sheet', exported: 'Exported',
  sourceLabel: 'Source', generated: 'Generated {date} · zs-risk-map {version}', schematicBadge: 'Schematic (not administrative boundaries)',
  tapHint: 'Tap a town for its value · arrow keys browse · Enter selects',
  altMap: '{title}: town risk map; the numbers are in the table view',
  csvFile: 'Enterprise CSV file',
  sheetMap: 'Risk map',
  inputsTable: 'Enterprise',
  trapTitle: 'WebAssembly runtime error (not a Rust panic)', badArg: 'Wrong argument type',
};
STRINGS['zh-CN'].errors.WASM_TRAP = 'WebAssembly 运行错误';
STRINGS.en.errors.WASM_TRAP = 'WebAssembly runtime error';
STRINGS['zh-CN'].errors.NOTHING_TO_EXPORT = '没有可导出的内容';
STRINGS.en.errors.NOTHING_TO_EXPORT = 'Nothing to export';
// ---- Load on demand (issue 10 item 1): the loading state of an engine view's tab ----------
STRINGS['zh-CN'].portal.loadingView = '正在加载“{view}”的计算引擎…';
STRINGS.en.portal.loadingView = 'Loading the {view} engine…';
// 预报模式 tab label (issue 11; the rest of the briefing strings are in i18n-views.js).
STRINGS['zh-CN'].briefing = { tabForecast: '预报模式' };
STRINGS.en.briefing = { tabForecast: 'Forecast' };
