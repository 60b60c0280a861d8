// UI strings, zh-CN first, English second. Terms follow src/glossary.md.
// Error messages are looked up by the stable error code the wasm module throws.

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
      INVALID_POLICY: '保单参数无效', INVALID_RULE_SET: '费率规则无效', INVALID_INPUT: '输入无效',
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
      INVALID_POLICY: 'Invalid policy', INVALID_RULE_SET: 'Invalid rule set', INVALID_INPUT: 'Invalid input',
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

/** Formats yuan (a decimal string or number) the way Chinese readers read it: 元/万元/亿元. */
export function formatCny(amount, lang) {
  const v = Number(amount);
  if (!Number.isFinite(v)) return String(amount);
  const zh = langKey(lang) !== 'en';
  const a = Math.abs(v);
  if (!zh) return 'CNY ' + new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);
  const nf = (x, d) => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: d }).format(x);
  if (a >= 1e8) return nf(v / 1e8, 2) + '亿元';
  if (a >= 1e4) return nf(v / 1e4, 2) + '万元';
  return new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v) + '元';
}
