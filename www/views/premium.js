// 保费测算 view: the safety-production liability premium (安责险) explained — an enterprise
// form, a rule-set picker with status badges, the premium as a waterfall with every step,
// what-if toggles with the premium delta, two rule sets side by side (and additive ↔
// multiplicative), a CSV batch with row errors and town layers on a map, and the group
// accident cover for emergency staff. Every number comes from the wasm engine.
import { viewRegistry } from '../zs-risk-map.js';
import { formatCny, formatCnySigned, t } from '../i18n.js';
import { adoptStyles, describeFigure, fitCanvas } from './common.js';
import { h, tableData, townTable, VIEW_STYLE } from './view-kit.js';
import '../i18n-views.js'; // this view's strings (split from i18n.js)
import { fieldErrors, fieldError, formProblem } from './field-errors.js';

const STYLE = /* css */ `
.prem .left { overflow: auto; }
.prem .head { display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: baseline; padding: 8px 12px; border-bottom: 1px solid var(--border); }
.prem .head .exact { color: #3b4656; font-variant-numeric: tabular-nums; }
.prem .delta { font-weight: 600; } .prem .delta.up { color: #b71c1c; } .prem .delta.down { color: #2e7d32; }
.prem .sbadge { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: .8em; border: 1px solid #999; margin-left: 4px; white-space: nowrap; }
.prem .sbadge.verified { background: #e3f2e5; border-color: #7cb686; color: #1b5e20; }
.prem .sbadge.secondary { background: #e8f0fb; border-color: #8fb0de; color: #0d47a1; }
.prem .sbadge.illustrative { background: #fff3cd; border-color: #e0c36a; color: #6b5200; }
.prem .chart { height: 320px; }
.prem .block { padding: 8px 12px; border-top: 1px solid var(--border); }
.prem .block h4 { margin: 0 0 6px; font-size: 1em; }
.prem table.steps { border-collapse: collapse; width: 100%; font-size: .85em; }
.prem table.steps th, .prem table.steps td { border-bottom: 1px solid #e3e7ec; padding: 3px 5px; text-align: left; vertical-align: top; }
.prem table.steps td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.prem table.steps tr.off td { color: #5b6675; font-style: italic; } /* 5.6:1 on white (WCAG AA) */
.prem .cmp { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; }
.prem .cmp .col { border: 1px solid var(--border); border-radius: 6px; padding: 6px 8px; font-size: .88em; }
.prem .cmp .col .p { font-size: 1.3em; font-weight: 700; color: #b71c1c; }
.prem .cmp ol { padding-left: 1.2em; margin: 4px 0; }
.prem .mapstage { position: relative; height: 380px; }
.prem .mapstage canvas { position: absolute; inset: 0; width: 100%; height: 100%; }
.prem .rowerrs { max-height: 160px; overflow: auto; font-size: .85em; margin: 4px 0; padding-left: 1.2em; color: #7a1414; }
.prem .ramp { height: 12px; border: 1px solid #888; margin: 4px 0; }
.prem .ramp-labels { display: flex; justify-content: space-between; font-size: .85em; color: #444; }
.prem aside label.row { grid-template-columns: 110px 1fr; }
.prem aside label.chk { display: flex; gap: 6px; align-items: center; margin: 3px 0; }
.prem aside input[type=text], .prem aside input[type=number], .prem aside select { width: 100%; min-width: 0; }
.prem .whatif label { display: grid; grid-template-columns: auto 1fr auto; gap: 6px; align-items: center; margin: 3px 0; }
.prem .whatif output { font-variant-numeric: tabular-nums; white-space: nowrap; }
.prem fieldset { min-width: 0; }
.prem aside input[type=file] { max-width: 100%; }
.prem .field-error-msg { color: #b71c1c; font-size: .85em; margin: 4px 0; line-height: 1.4; }
.prem .field-invalid { outline: 2px solid #c62828; outline-offset: 1px; }
.prem .tools-row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 4px 0; }
`;

const GRADES = ['general', 'larger', 'major', 'especially_major'];

viewRegistry.set('premium', async (el, section) => {
  const wasm = el.engines; // the engines bundle (loaded by the element before this factory runs)
  const P = (k) => el.t('premium.' + k);
  const money = (s) => formatCny(s, el.lang);
  const exact = (s) => formatCny(s, el.lang, false, true); // the same amount to the fen, beside money()
  const badge = (status) => h('span', { class: `sbadge ${status}`, text: P('status.' + status) });

  const catalogue = wasm.premiumRuleSets();
  const sectors = wasm.premiumSectors();

  // ---- state ----
  let rules = null; // PremiumRuleSet (with the chosen combination mode)
  let baseRules = null; // as loaded (before a mode switch)
  let quote = null; // last good PremiumQuote
  let quoteObj = null;
  let baseline = null; // premium (string) of the form without what-if toggles
  let batch = null; // last good PremiumBatch
  let customJson = null; // uploaded rule-set JSON
  const whatIf = { noAccident: false, rectify: false, level1: false, prevention: false };

  // One error box per part of the view, next to its controls (role="alert"; the last good
  // result stays on screen): the rule set, the enterprise form, the CSV batch, the emergency cover.
  const [feRules, feForm, feCsv, feEm, feCmp] = [0, 1, 2, 3, 4].map(() => fieldErrors(el, (field) => controlOf(field)));

  // ---- DOM ----
  const head = h('div', { class: 'head' });
  const chartCanvas = h('canvas', { role: 'img', class: 'waterfall' });
  const chart = h('div', { class: 'chart' }, chartCanvas);
  const stepsBody = h('tbody');
  const stepsTable = h('table', { class: 'steps' }, h('thead'), stepsBody);
  const extra = h('div', { class: 'extra note' });
  const stepsBlock = h('div', { class: 'block steps-block' }, h('h4'), stepsTable, extra);
  const cmpA = h('select', { class: 'cmp-a' });
  const cmpB = h('select', { class: 'cmp-b' });
  const cmpOut = h('div', { class: 'cmp' });
  const cmpBlock = h('div', { class: 'block compare' }, h('h4'), h('div', { class: 'tools-row' }, cmpA, cmpB), feCmp.box, cmpOut);
  const csvInput = h('input', { type: 'file', accept: '.csv,text/csv', class: 'csv-file' });
  const sampleBtn = h('button', { type: 'button', class: 'sample' });
  const templateBtn = h('button', { type: 'button', class: 'csv-template' });
  const rowsBtn = h('button', { type: 'button', class: 'rows-download', disabled: true });
  const encodingNote = h('div', { class: 'note csv-encoding' });
  const layerSel = h('select', { class: 'layer-kind' });
  const batchStats = h('dl', { class: 'kv batch-stats' });
  const rowErrs = h('ol', { class: 'rowerrs' });
  const mapCanvas = h('canvas', { role: 'img', class: 'premium-map' });
  const tip = h('div', { class: 'tooltip', hidden: true });
  const mapStage = h('div', { class: 'mapstage', hidden: true }, mapCanvas, tip);
  const legend = h('div', { class: 'legend premium-legend' });
  const towns = townTable(); // the numbers behind the batch map (not only in its tooltip)
  const batchBlock = h('div', { class: 'block batch' }, h('h4'),
    h('div', { class: 'tools-row' }, csvInput, sampleBtn, templateBtn, rowsBtn, layerSel), feCsv.box, encodingNote, batchStats, rowErrs, mapStage, legend, towns.box);
  const emHead = h('input', { type: 'number', min: '1', max: '1000000', step: '1', value: '92', class: 'em-head' });
  const emAmount = h('input', { type: 'text', value: '25480', class: 'em-amount', inputmode: 'decimal' });
  const emMode = h('select', { class: 'em-mode' });
  const emOut = h('dl', { class: 'kv em-out' });
  const emBlock = h('div', { class: 'block emergency' }, h('h4'),
    h('div', { class: 'tools-row' }, emMode, emHead, emAmount), feEm.box, emOut, h('div', { class: 'note em-note' }));
  const left = h('div', { class: 'left' }, head, chart, stepsBlock, cmpBlock, batchBlock, emBlock);
  const aside = h('aside', { class: 'panel' });
  section.append(h('div', { class: 'scen prem' }, left, aside));
  adoptStyles(section, VIEW_STYLE + STYLE); // constructable stylesheet: CSP-clean
  let dead = false; // set by destroy(): nothing may touch a freed handle after it
  const map = new wasm.RiskMap(mapCanvas);

  // ---- form ----
  const f = {
    ruleSet: h('select', { class: 'rule-set' }),
    combine: h('select', { class: 'combine' }),
    rulesFile: h('input', { type: 'file', accept: '.json,application/json', class: 'rules-file' }),
    name: h('input', { type: 'text', class: 'name', value: '示例五金制品有限公司' }),
    town: h('select', { class: 'town' }),
    sector: h('select', { class: 'sector' }),
    headcount: h('input', { type: 'number', min: '1', step: '1', value: '120', class: 'headcount' }),
    limitWan: h('input', { type: 'number', min: '1', step: '1', value: '50', class: 'limit' }),
    quoteYear: h('input', { type: 'number', min: '2000', max: '2100', step: '1', value: '2025', class: 'quote-year' }),
    accGrade: h('select', { class: 'acc-grade' }),
    accCount: h('input', { type: 'number', min: '1', step: '1', value: '1', class: 'acc-count' }),
    accYear: h('input', { type: 'number', min: '2000', max: '2100', step: '1', value: '2024', class: 'acc-year' }),
    standard: h('select', { class: 'standard' }),
    hdFound: h('input', { type: 'number', min: '0', step: '1', value: '4', class: 'hd-found' }),
    hdRectified: h('input', { type: 'number', min: '0', step: '1', value: '3', class: 'hd-rectified' }),
    hdMajor: h('input', { type: 'number', min: '0', step: '1', value: '1', class: 'hd-major' }),
    blacklisted: h('input', { type: 'checkbox', class: 'blacklisted' }),
    credit: h('select', { class: 'credit' }),
    honours: h('select', { class: 'honours' }),
    prevention: h('input', { type: 'checkbox', class: 'prevention' }),
    firstPolicy: h('input', { type: 'checkbox', class: 'first-policy' }),
    insured: h('input', { type: 'checkbox', class: 'insured', checked: true }),
    riskClass: h('input', { type: 'text', class: 'risk-class' }),
    projectCostWan: h('input', { type: 'number', min: '0', step: '1', class: 'project-cost' }),
    aggregateWan: h('input', { type: 'number', min: '0', step: '1', class: 'aggregate' }),
    payrollWan: h('input', { type: 'number', min: '0', step: '1', class: 'payroll' }),
    claimsRatio: h('input', { type: 'text', class: 'claims-ratio', inputmode: 'decimal' }),
  };
  const wi = {};
  const wiOut = {};
  for (const k of Object.keys(whatIf)) {
    wi[k] = h('input', { type: 'checkbox', class: `wi-${k}` });
    wiOut[k] = h('output', { class: `wi-${k}-delta` });
    wi[k].addEventListener('change', () => { whatIf[k] = wi[k].checked; compute(); });
  }
  const opt = (value, text, sel) => h('option', { value, text, selected: sel || null });
  const row = (label, input) => h('label', { class: 'row' }, h('span', { text: label }), input);
  const chk = (input, label) => h('label', { class: 'chk' }, input, h('span', { text: label }));
  /** 万元 → 元 exactly on the decimal text (no float rounding); text that is no plain decimal
   *  goes to the engine as entered (scaled if it is a finite number) so the engine names it. */
  const wan = (v) => {
    const t = String(v).trim();
    if (t === '') return null;
    const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(t);
    if (m && (m[2] || m[3])) {
      const frac = (m[3] || '').padEnd(4, '0');
      const digits = ((m[2] || '0') + frac.slice(0, 4)).replace(/^0+(?=\d)/, '');
      const rest = frac.slice(4);
      return `${m[1]}${digits}${rest ? '.' + rest : ''}`;
    }
    const n = Number(t);
    return Number.isFinite(n) ? String(n * 1e4) : t;
  };

  // ---- field-named errors (issue 9): the engine's field id → the form control it names ----
  const FIELD_CONTROLS = {
    'enterprise.name': 'name', 'enterprise.town_code': 'town', 'enterprise.sector': 'sector', 'enterprise.headcount': 'headcount',
    'enterprise.per_person_limit': 'limitWan', 'enterprise.quote_year': 'quoteYear', 'enterprise.accidents': 'accGrade',
    'enterprise.accidents[0].year': 'accYear', 'enterprise.accidents[0].count': 'accCount', 'enterprise.accidents[0].grade': 'accGrade',
    'enterprise.standardisation_grade': 'standard', 'enterprise.hidden_dangers.found': 'hdFound',
    'enterprise.hidden_dangers.rectified': 'hdRectified', 'enterprise.hidden_dangers.major_unrectified': 'hdMajor',
    'enterprise.credit_rating': 'credit', 'enterprise.honours': 'honours', 'enterprise.risk_class': 'riskClass',
    'enterprise.project_cost': 'projectCostWan', 'enterprise.aggregate_limit': 'aggregateWan', 'enterprise.payroll': 'payrollWan',
    'enterprise.claims_ratio': 'claimsRatio',
  };
  const controlOf = (field) => {
    if (!field) return null;
    if (field === 'emergency.mode') return emMode;
    if (field === 'compare.a') return cmpA;
    if (field === 'compare.b') return cmpB;
    if (field.startsWith('emergency.')) return field === 'emergency.headcount' ? emHead : emAmount;
    if (field === 'csv' || field.startsWith('csv.')) return csvInput;
    if (field.startsWith('rules')) return f.rulesFile;
    const k = FIELD_CONTROLS[field];
    return k ? f[k] : null;
  };
  /** Runs fn through the element's guard; a rejection is shown in `fe` (message in the widget's
   *  language, the named control marked), a success clears `fe`. Rethrows the error. */
  function run(fn, fe = feForm) {
    try {
      const r = el._guard(() => {
        try { return fn(); } catch (e) {
          if (e && e.messageZh) e.message = el.lang === 'en' ? e.messageEn : e.messageZh;
          throw e;
        }
      });
      fe.clear();
      return r;
    } catch (e) {
      fe.show(e);
      throw e;
    }
  }
  /** Form label of a premium key in both languages (what an error names). */
  const label = (key) => [t('zh-CN', key), t('en', key)];
  /** The form's own checks before the engine sees it (field ids as the engine names them). The
   *  optional fields under 「更多」 may stay empty (not given); every other number is required. */
  function enterpriseProblem() {
    const req = (k, field) => [f[k], field, ...label('premium.' + k)];
    const required = [req('headcount', 'enterprise.headcount'), req('limitWan', 'enterprise.per_person_limit'),
      req('quoteYear', 'enterprise.quote_year')];
    if (f.accGrade.value) required.push(req('accCount', 'enterprise.accidents[0].count'), req('accYear', 'enterprise.accidents[0].year'));
    required.push(req('hdFound', 'enterprise.hidden_dangers.found'), req('hdRectified', 'enterprise.hidden_dangers.rectified'),
      req('hdMajor', 'enterprise.hidden_dangers.major_unrectified'));
    const selects = [req('town', 'enterprise.town_code'), req('sector', 'enterprise.sector'), req('accGrade', 'enterprise.accidents[0].grade'),
      req('standard', 'enterprise.standardisation_grade'), req('credit', 'enterprise.credit_rating'), req('honours', 'enterprise.honours')];
    return formProblem(required, selects);
  }

  function fillSelects() {
    const en = el.lang === 'en';
    const keep = (s, fn) => { const v = s.value; s.innerHTML = ''; fn(); if (v && [...s.options].some((o) => o.value === v)) s.value = v; };
    for (const s of [f.ruleSet, cmpA, cmpB]) {
      keep(s, () => catalogue.forEach((r) => s.append(opt(r.id, `${en ? r.name_en : r.name_zh} · ${P('status.' + r.status)}`))));
    }
    if (customJson) f.ruleSet.append(opt('__custom', en ? 'Uploaded rule set' : '上传的规则'));
    if (!f.ruleSet.value || f.ruleSet.value === catalogue[0].id) f.ruleSet.value = f.ruleSet.dataset.v || 'zhongshan-illustrative';
    if (!cmpA.dataset.init) { cmpA.value = 'national-2017'; cmpB.value = 'national-2025'; cmpA.dataset.init = '1'; }
    keep(f.combine, () => f.combine.append(opt('additive_on_base', P('additive')), opt('multiplicative', P('multiplicative'))));
    keep(f.town, () => el.districts.forEach((d) => f.town.append(opt(d.code, en ? d.name_en : d.name_zh))));
    if (!f.town.dataset.init) { f.town.value = '442000107'; f.town.dataset.init = '1'; }
    keep(f.sector, () => sectors.forEach((s) => f.sector.append(opt(s.id, en ? s.label_en : s.label_zh))));
    keep(f.accGrade, () => { f.accGrade.append(opt('', P('gradeNone'))); GRADES.forEach((g) => f.accGrade.append(opt(g, P(g)))); });
    if (!f.accGrade.dataset.init) { f.accGrade.value = 'general'; f.accGrade.dataset.init = '1'; }
    keep(f.standard, () => ['level1', 'level2', 'level3', 'none'].forEach((g) => f.standard.append(opt(g, P(g)))));
    if (!f.standard.dataset.init) { f.standard.value = 'level3'; f.standard.dataset.init = '1'; }
    keep(f.credit, () => ['', 'A', 'B', 'C', 'D'].forEach((c) => f.credit.append(opt(c, c || '—'))));
    keep(f.honours, () => [['none', 'honNone'], ['city', 'honCity'], ['province', 'honProvince']].forEach(([v, k]) => f.honours.append(opt(v, P(k)))));
    keep(layerSel, () => [['coverage', 'coverage'], ['mean_factor', 'meanFactor'], ['total_premium', 'townPremium']].forEach(([v, k]) => layerSel.append(opt(v, P(k)))));
    keep(emMode, () => emMode.append(opt('total', P('emByTotal')), opt('per_person', P('emByPerson'))));
  }

  function build() {
    fillSelects();
    aside.innerHTML = '';
    aside.append(
      h('fieldset', {}, h('legend', { text: P('ruleSet') }), f.ruleSet, h('div', { class: 'rs-badge note' }),
        row(P('combine'), f.combine), h('label', { class: 'row' }, h('span', { text: P('uploadRules') }), f.rulesFile), feRules.box,
        h('div', { class: 'note', text: P('illustrativeNote') })),
      h('fieldset', {}, h('legend', { text: P('enterprise') }), feForm.box,
        row(P('name'), f.name), row(P('town'), f.town), row(P('sector'), f.sector), row(P('headcount'), f.headcount),
        row(P('limitWan'), f.limitWan), row(P('quoteYear'), f.quoteYear),
        h('div', { text: P('accidents') }), row(P('accGrade'), f.accGrade), row(P('accCount'), f.accCount), row(P('accYear'), f.accYear),
        row(P('standard'), f.standard), row(P('hdFound'), f.hdFound), row(P('hdRectified'), f.hdRectified), row(P('hdMajor'), f.hdMajor),
        chk(f.blacklisted, P('blacklisted')), row(P('credit'), f.credit), row(P('honours'), f.honours),
        chk(f.prevention, P('prevention')), chk(f.firstPolicy, P('firstPolicy')), chk(f.insured, P('insured')),
        h('details', {}, h('summary', { text: P('more') }), row(P('riskClass'), f.riskClass), row(P('projectCostWan'), f.projectCostWan),
          row(P('aggregateWan'), f.aggregateWan), row(P('payrollWan'), f.payrollWan), row(P('claimsRatio'), f.claimsRatio))),
      h('fieldset', { class: 'whatif' }, h('legend', { text: P('whatIf') }),
        ...[['noAccident', 'wiNoAccident'], ['rectify', 'wiRectify'], ['level1', 'wiLevel1'], ['prevention', 'wiPrevention']]
          .map(([k, label]) => h('label', {}, wi[k], h('span', { text: P(label) }), wiOut[k]))));
    for (const fe of [feRules, feForm, feCsv, feEm, feCmp]) fe.relabel();
    stepsBlock.querySelector('h4').textContent = P('steps');
    cmpBlock.querySelector('h4').textContent = P('compare');
    batchBlock.querySelector('h4').textContent = `${P('batch')}`;
    emBlock.querySelector('h4').textContent = P('emergency');
    emBlock.querySelector('.em-note').textContent = P('emNote');
    sampleBtn.textContent = P('sample');
    templateBtn.textContent = P('template');
    rowsBtn.textContent = P('rowsDownload');
    csvInput.title = P('csvUpload');
    // Names for controls that have no visible <label> of their own (WCAG 4.1.2).
    const name = (input, key) => input.setAttribute('aria-label', el.t(key));
    name(f.ruleSet, 'premium.ruleSet'); name(cmpA, 'portal.compareA'); name(cmpB, 'portal.compareB');
    name(layerSel, 'portal.premiumLayer'); name(emMode, 'portal.emMode'); name(emHead, 'portal.emHead'); name(emAmount, 'portal.emAmount');
    describeFigure(chartCanvas, el.t('portal.altWaterfall'), stepsTable);
    describeFigure(mapCanvas, el.t('portal.altPremiumMap'), towns.table);
    stepsTable.querySelector('thead').innerHTML = '';
    stepsTable.querySelector('thead').append(h('tr', {}, ...['step', 'rule', 'condition', 'factor', 'runFactor', 'amount', 'evidence'].map((k) => h('th', { text: P(k) }))));
  }

  /** The enterprise as the engine's JSON input, from the form plus what-if changes. */
  function enterprise(changes = whatIf) {
    // Numbers go to the engine as entered (text); it checks every range and names the field.
    const txt = (input) => String(input.value).trim();
    const year = txt(f.quoteYear);
    const e = {
      name: f.name.value,
      town_code: f.town.value,
      sector: f.sector.value,
      headcount: txt(f.headcount),
      per_person_limit: wan(f.limitWan.value),
      quote_year: year || null,
      accidents: f.accGrade.value ? [{ year: txt(f.accYear), grade: f.accGrade.value, count: txt(f.accCount) || null }] : [],
      standardisation_grade: f.standard.value,
      hidden_dangers: { found: txt(f.hdFound) || null, rectified: txt(f.hdRectified) || null, major_unrectified: txt(f.hdMajor) || null },
      blacklisted: f.blacklisted.checked,
      credit_rating: f.credit.value || null,
      honours: f.honours.value,
      prevention_service_received: f.prevention.checked,
      first_policy: f.firstPolicy.checked,
      insured: f.insured.checked,
      risk_class: f.riskClass.value.trim() || null,
      project_cost: wan(f.projectCostWan.value),
      aggregate_limit: wan(f.aggregateWan.value),
      payroll: wan(f.payrollWan.value),
      claims_ratio: f.claimsRatio.value.trim() || null,
    };
    const whole = (v) => (/^\d{1,7}$/.test(v ?? '') ? Number(v) : null);
    if (changes.noAccident && whole(year) != null) e.quote_year = String(whole(year) + 1); // next year's renewal; no new accident
    const hd = e.hidden_dangers;
    if (changes.rectify && [hd.found, hd.rectified, hd.major_unrectified].every((v) => v == null || whole(v) != null)) {
      hd.rectified = String(Math.min(whole(hd.found) ?? 0, (whole(hd.rectified) ?? 0) + (whole(hd.major_unrectified) ?? 0)));
      hd.major_unrectified = '0';
    }
    if (changes.level1) e.standardisation_grade = 'level1';
    if (changes.prevention) e.prevention_service_received = true;
    return JSON.stringify(e);
  }

  /** Loads the picked rule set and mode; keeps the last good one on error. */
  function loadRules() {
    let r;
    try {
      r = run(() => new wasm.PremiumRuleSet(f.ruleSet.value === '__custom' ? customJson : f.ruleSet.value), feRules);
    } catch (_) { return false; }
    const d = r.details();
    let m = r;
    if (d.combine_toggle && f.combine.value && f.combine.value !== d.combine) {
      try { m = run(() => r.withCombine(f.combine.value), feRules); } catch (_) { r.free(); if (rules) f.combine.value = rules.details().combine; return false; }
    }
    try { if (rules !== baseRules) rules?.free(); baseRules?.free(); } catch (_) { /* poisoned */ }
    baseRules = r;
    rules = m;
    const dm = rules.details();
    f.combine.value = dm.combine === 'tier_ladder' ? 'additive_on_base' : dm.combine;
    f.combine.disabled = !dm.combine_toggle;
    f.ruleSet.dataset.v = f.ruleSet.value;
    const b = aside.querySelector('.rs-badge');
    if (b) { b.innerHTML = ''; b.append(badge(dm.status), ` ${el.lang === 'en' ? dm.notes_en : dm.notes_zh}`); }
    return true;
  }

  /** Quotes the form (with the what-if toggles); on error keeps the last good quote. */
  function compute() {
    if (!rules || dead) return false;
    let q;
    try {
      q = run(() => { const p = enterpriseProblem(); if (p) throw p; return rules.quote(enterprise()); });
    } catch (_) { return false; }
    let base;
    try { base = run(() => rules.quote(enterprise({}))); } catch (_) { q.free(); return false; }
    baseline = base.premium();
    // Each toggle's own effect, against the form as entered.
    for (const k of Object.keys(whatIf)) {
      try {
        const one = rules.quote(enterprise({ [k]: true }));
        wiOut[k].textContent = deltaText(decimalSub(one.premium(), baseline));
        one.free();
      } catch (_) { wiOut[k].textContent = '—'; }
    }
    base.free();
    try { quote?.free(); } catch (_) { /* poisoned */ }
    quote = q;
    quoteObj = quote.toJs();
    draw();
    el._emit('quoted', { view: 'premium', premium: quoteObj.premium, rule_set: quoteObj.rule_set_id, baseline });
    return true;
  }

  /** A total factor as the change on the base (additive rule sets): 1.05 → +5%, 0.85 → −15%. */
  function pctText(factor) {
    const p = Math.round((Number(factor) - 1) * 1e6) / 1e4;
    return p === 0 ? '±0%' : `${p > 0 ? '+' : '−'}${Math.abs(p)}%`;
  }

  const deltaText = (d) => (Number(d) === 0 ? '±0' : formatCnySigned(d, el.lang)); // d: decimal string

  /** a − b on decimal strings, exactly (BigInt on the common scale). */
  function decimalSub(a, b) {
    const [x, y] = [a, b].map((v) => String(v).trim().split('.'));
    const dp = Math.max((x[1] || '').length, (y[1] || '').length);
    const big = ([i, f = '']) => BigInt(i + f.padEnd(dp, '0'));
    const d = big(x) - big(y);
    const t = (d < 0n ? -d : d).toString().padStart(dp + 1, '0');
    return (d < 0n ? '-' : '') + (dp ? `${t.slice(0, -dp)}.${t.slice(-dp)}` : t);
  }

  function draw() {
    if (!quote || dead) return;
    const en = el.lang === 'en';
    const q = quoteObj;
    const dpr = fitCanvas(chartCanvas);
    try { quote.drawWaterfall(chartCanvas, dpr, el.lang); } catch (e) { el._showError(e); return; }
    head.innerHTML = '';
    const d = Number(decimalSub(q.premium, baseline));
    head.append(
      h('span', { class: 'big premium-value', text: `${P('premium')} ${money(q.premium)}` }),
      h('span', { class: 'exact premium-exact', 'data-premium': q.premium, text: exact(q.premium) }),
      h('span', { class: 'factor-line', text: `${P('base')} ${money(q.base_premium)} · ${q.additive ? `${P('change')} ${pctText(q.factor)}（×${q.factor}）` : `${P('factor')} ×${q.factor}`}${q.factor !== q.factor_raw ? `（${P('factorRaw')} ×${q.factor_raw}）` : ''}` }),
      h('span', {}, `${en ? q.rule_set_name_en : q.rule_set_name_zh}`, badge(q.status), ` · ${en ? q.combine_en : q.combine_zh}`));
    if (Object.values(whatIf).some(Boolean)) {
      head.append(h('span', { class: `delta ${d > 0 ? 'up' : 'down'}`, text: `${P('delta')} ${deltaText(decimalSub(q.premium, baseline))}（${P('current')} ${money(baseline)}）` }));
    }
    stepsBody.innerHTML = '';
    for (const s of q.steps) {
      const cond = s.condition_met == null ? '' : (s.condition_met ? P('met') : P('notMet'));
      stepsBody.append(h('tr', { class: s.applied ? 'on' : 'off', 'data-kind': s.kind },
        h('td', { text: en ? s.text_en : s.text_zh }),
        h('td', {}, h('code', { text: s.rule })),
        h('td', { text: cond }),
        h('td', { class: 'num', text: s.effect ?? (s.factor == null ? '' : `×${s.factor}`) }),
        h('td', { class: 'num', text: s.running_factor == null ? '' : (q.additive && s.kind === 'factor' ? pctText(s.running_factor) : `×${s.running_factor}`) }),
        h('td', { class: 'num', text: s.amount == null ? '' : exact(s.amount) }),
        h('td', {}, s.status ? badge(s.status) : '')));
    }
    extra.innerHTML = '';
    if (q.prevention) {
      extra.append(h('div', { class: 'prevention-line', text: `${P('preventionLine')}（${P(q.prevention.kind)} ${+(Number(q.prevention.share) * 100).toFixed(4)}%）: ${money(q.prevention.amount)}` }, badge(q.prevention.status)));
    }
    if (q.limits.length) extra.append(h('div', { text: `${P('limits')}: ${q.limits.map((l) => `${en ? l.label_en : l.label_zh} ${money(l.amount)}`).join('；')}` }));
    for (const w of q.warnings) extra.append(h('div', { text: `${P('warnings')}: ${en ? w.text_en : w.text_zh}` }));
    drawCompare();
  }

  // ---- comparison ----
  function drawCompare() {
    const en = el.lang === 'en';
    let a, b, cols;
    // A side with no rule set chosen: the columns on screen stay, the error names the side.
    const missing = formProblem([], [[cmpA, 'compare.a', ...label('portal.compareA')], [cmpB, 'compare.b', ...label('portal.compareB')]]);
    if (missing) { feCmp.show(missing); return; }
    feCmp.clear();
    try {
      a = new wasm.PremiumRuleSet(cmpA.value);
      b = new wasm.PremiumRuleSet(cmpB.value);
      cols = el._guard(() => a.compareWith(b, enterprise()));
    } catch (_) { try { a?.free(); b?.free(); } catch (_) { /* */ } return; }
    a.free(); b.free();
    cmpOut.innerHTML = '';
    for (const c of cols) {
      const col = h('div', { class: 'col', 'data-id': c.rule_set_id }, h('b', { text: en ? c.name_en : c.name_zh }));
      if (c.quote) {
        const q = c.quote;
        col.append(badge(q.status), h('div', { class: 'p', 'data-premium': q.premium, text: money(q.premium) }),
          h('div', { text: `${P('base')} ${money(q.base_premium)} · ${q.additive ? `${P('change')} ${pctText(q.factor)}（×${q.factor}）` : `×${q.factor}`} · ${en ? q.combine_en : q.combine_zh}` }),
          h('ol', {}, ...q.steps.filter((s) => s.applied).map((s) => h('li', { text: en ? s.text_en : s.text_zh }))));
      } else {
        col.append(h('div', { class: 'p', text: P('cannotQuote') }), h('div', { class: 'note', text: `${c.error_code}: ${en ? c.error : (c.error_zh || c.error)}` }));
      }
      cmpOut.append(col);
    }
  }

  // ---- batch ----
  function runCsv(text) {
    let r;
    try { r = run(() => rules.quoteCsv(text), feCsv); } catch (_) { return false; }
    try { batch?.free(); } catch (_) { /* poisoned */ }
    batch = r;
    rowsBtn.disabled = false;
    drawBatch();
    return true;
  }

  /** Decodes uploaded bytes: UTF-8 (a BOM is dropped) when valid, else GB18030 (a superset of
   *  GBK, what Excel on Chinese Windows writes) — in the browser, before the text reaches wasm. */
  function decodeCsv(bytes) {
    try { return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }; } catch (_) {
      return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
    }
  }

  /** An uploaded CSV file's bytes → decoded → priced; the size limit is checked before reading. */
  function runCsvBytes(bytes, name = 'upload.csv') {
    const max = wasm.premiumCsvMaxBytes();
    if (bytes.byteLength > max) {
      const mb = (x) => (x / 1048576).toFixed(1);
      const big = (lang) => t(lang, 'premium.tooBig').replace('{mb}', mb(bytes.byteLength)).replace('{max}', mb(max));
      const err = fieldError('TOO_LARGE', 'csv', big('zh-CN'), big('en'));
      try { run(() => { throw err; }, feCsv); } catch (_) { /* shown */ }
      return false;
    }
    const { text, encoding } = decodeCsv(bytes);
    const ok = runCsv(text);
    if (!ok) return false; // the note keeps naming the last good file, whose results stay on screen
    lastCsv = text;
    encodingNote.textContent = P(encoding === 'utf-8' ? 'encodingUtf8' : 'encodingGb').replace('{name}', name);
    encodingNote.dataset.encoding = encoding;
    return true;
  }

  function download(text, name) {
    el._download(new Blob(['\ufeff' + text], { type: 'text/csv;charset=utf-8' }), name);
  }

  function drawBatch() {
    if (!batch) return;
    const s = batch.summary();
    batchStats.innerHTML = '';
    const kv = (k, v, cls) => batchStats.append(h('dt', { text: k }), h('dd', { text: v, class: cls }));
    kv(P('quoted'), String(s.quoted), 'quoted-count');
    kv(P('rowErrors'), String(s.errors), 'error-count');
    kv(P('insuredCount'), `${s.insured}（${(100 * s.insured / Math.max(1, s.quoted)).toFixed(1)}%）`, 'insured-count');
    kv(P('compulsoryCount'), String(s.compulsory));
    kv(P('totalPremium'), money(s.total_premium), 'total-premium');
    rowErrs.innerHTML = '';
    const errs = batch.errors();
    if (!errs.length) rowErrs.append(h('li', { class: 'none', text: P('noErrors') }));
    const en = el.lang === 'en';
    for (const e of errs) {
      const col = en ? e.column_en : e.column_zh;
      rowErrs.append(h('li', { 'data-line': String(e.line), 'data-field': e.field, text: `${P('line').replace('{n}', e.line)}${col ? ` · ${P('column')} ${col}` : ''}: ${e.code} — ${en ? e.message : e.message_zh}` }));
    }
    mapStage.hidden = false;
    drawMap();
  }

  function drawMap() {
    if (!batch || mapStage.hidden || dead) return;
    const dpr = fitCanvas(mapCanvas);
    try {
      map.setLang(el.lang);
      map.showPremiumLayer(batch, layerSel.value);
      map.render(dpr);
    } catch (e) { el._showError(e); return; }
    const lg = map.legend();
    const en = el.lang === 'en';
    legend.innerHTML = '';
    legend.append(h('b', { text: en ? lg.title_en : lg.title_zh }));
    if (lg.is_ramp) {
      const ramp = h('div', { class: 'ramp' });
      ramp.style.background = `linear-gradient(to right, ${lg.rows.map((r) => r.color).join(', ')})`; // CSSOM, not a style attribute (CSP)
      legend.append(ramp,
        h('div', { class: 'ramp-labels' }, ...lg.rows.map((r) => h('span', { text: en ? r.range_en : r.range }))));
    } else {
      const sw = (c) => { const x = h('span', { class: 'sw' }); x.style.background = c; return x; };
      legend.append(h('div', { class: 'legend-rows' }, ...lg.rows.map((r) => h('span', {}, sw(r.color), en ? r.label_en : r.label_zh))));
    }
    legend.append(h('div', { class: 'note', text: `${en ? lg.note_en : lg.note_zh} · ${P('synthetic')}` }));
    towns.fill(el.t('portal.townValues'), [el.t('town'), el.t('portal.townCount'), P('insuredCount'), P('coverage'), P('meanFactor'), P('townPremium')],
      batch.summary().towns.map((t) => [en ? t.name_en : t.name_zh, String(t.enterprises), String(t.insured),
        t.coverage == null ? '—' : `${(Number(t.coverage) * 100).toFixed(1)}%`, t.mean_factor == null ? '—' : `×${Number(t.mean_factor).toFixed(3)}`, money(t.total_premium)]));
  }

  const showTip = (e) => {
    if (dead) return;
    const code = map.districtAt(e.offsetX, e.offsetY);
    if (!code || !batch) { tip.hidden = true; return; }
    const t = batch.summary().towns.find((x) => x.code === code);
    const en = el.lang === 'en';
    tip.innerHTML = '';
    if (!t) { tip.hidden = true; return; }
    tip.append(h('b', { text: en ? t.name_en : t.name_zh }),
      h('div', { text: `${P('quoted')} ${t.enterprises} · ${P('insuredCount')} ${t.insured}` }),
      h('div', { text: `${P('coverage')} ${t.coverage == null ? '—' : (Number(t.coverage) * 100).toFixed(1) + '%'} · ${P('meanFactor')} ${t.mean_factor == null ? '—' : '×' + Number(t.mean_factor).toFixed(3)}` }),
      h('div', { text: `${P('townPremium')} ${money(t.total_premium)}` }));
    tip.hidden = false;
    tip.style.left = `${Math.min(e.offsetX + 14, mapStage.clientWidth - tip.offsetWidth - 4)}px`;
    tip.style.top = `${e.offsetY + 14}px`;
  };
  // Hover with a mouse, tap on a touch screen: the same information (no hover-only data).
  mapCanvas.addEventListener('pointermove', (e) => { if (e.pointerType !== 'touch') showTip(e); });
  mapCanvas.addEventListener('click', showTip);
  mapCanvas.addEventListener('pointerleave', (e) => { if (e.pointerType !== 'touch') tip.hidden = true; });

  // ---- emergency staff ----
  function computeEmergency() {
    let g;
    try {
      g = run(() => {
        // No mode chosen: which side the amount is would be a guess, so it is an error.
        const p = formProblem([], [[emMode, 'emergency.mode', ...label('portal.emMode')]]);
        if (p) throw p;
        return emMode.value === 'total'
          ? wasm.premiumGroupAccident(null, emAmount.value, emHead.value)
          : wasm.premiumGroupAccident(emAmount.value, null, emHead.value);
      }, feEm);
    } catch (_) { return false; }
    emOut.innerHTML = '';
    const kv = (k, v, cls, value) => emOut.append(h('dt', { text: k }), h('dd', { text: v, class: cls, 'data-value': value }));
    kv(P('emHeadcount'), String(g.headcount));
    kv(P('emPerPerson'), exact(g.per_person), 'em-per-person', g.per_person);
    kv(P('emTotal'), exact(g.total), 'em-total', g.total);
    kv(P('emRoundedTotal'), exact(g.total_from_rounded));
    return true;
  }

  // ---- events ----
  const onForm = () => compute();
  for (const [k, input] of Object.entries(f)) {
    if (k === 'ruleSet' || k === 'combine' || k === 'rulesFile') continue;
    input.addEventListener(input.type === 'checkbox' || input.tagName === 'SELECT' ? 'change' : 'input', onForm);
  }
  f.ruleSet.addEventListener('change', () => { f.combine.value = ''; if (loadRules()) { compute(); if (batch && lastCsv) runCsv(lastCsv); } });
  f.combine.addEventListener('change', () => { if (loadRules()) { compute(); if (batch && lastCsv) runCsv(lastCsv); } });
  f.rulesFile.addEventListener('change', async () => {
    const file = f.rulesFile.files[0];
    if (!file) return;
    await loadCustomRules(await file.text());
  });
  async function loadCustomRules(text) {
    // Validate first: a bad file leaves the current rule set in place.
    let r;
    try { r = run(() => new wasm.PremiumRuleSet(text), feRules); } catch (_) { return false; }
    r.free();
    customJson = text;
    fillSelects();
    f.ruleSet.value = '__custom';
    f.combine.value = '';
    if (loadRules()) compute();
    return true;
  }
  let lastCsv = null;
  csvInput.addEventListener('change', async () => {
    const file = csvInput.files[0];
    if (!file) return;
    if (file.size > wasm.premiumCsvMaxBytes()) { runCsvBytes({ byteLength: file.size }, file.name); return; }
    runCsvBytes(new Uint8Array(await file.arrayBuffer()), file.name);
  });
  templateBtn.addEventListener('click', () => download(wasm.premiumCsvTemplate(el.lang), el.lang === 'en' ? 'premium-template.csv' : '安责险批量测算模板.csv'));
  rowsBtn.addEventListener('click', () => { if (batch) download(batch.rowsCsv(el.lang), el.lang === 'en' ? 'premium-rows.csv' : '安责险逐行结果.csv'); });
  sampleBtn.addEventListener('click', () => {
    const text = wasm.premiumSyntheticCsv(1, 2000);
    if (runCsv(text)) lastCsv = text;
  });
  layerSel.addEventListener('change', drawMap);
  cmpA.addEventListener('change', drawCompare);
  cmpB.addEventListener('change', drawCompare);
  for (const i of [emHead, emAmount]) i.addEventListener('input', computeEmergency);
  emMode.addEventListener('change', () => {
    // Switch the amount to the other side of the same cover.
    const out = emMode.selectedIndex < 0 ? null : emOut.querySelector(emMode.value === 'total' ? '.em-total' : '.em-per-person');
    if (out) emAmount.value = out.dataset.value; // the engine's decimal, not the shown text
    computeEmergency();
  });
  const ro = new ResizeObserver(() => { if (!section.hidden) { draw(); drawMap(); } });

  build();
  map.copyDistrictsFrom(el._engineDistricts());
  loadRules();
  compute();
  computeEmergency();
  ro.observe(chart);
  ro.observe(mapStage);

  return {
    activate() { map.copyDistrictsFrom(el._engineDistricts()); draw(); drawMap(); },
    setLang() { build(); loadRules(); compute(); drawBatch(); computeEmergency(); },
    destroy() {
      dead = true;
      ro.disconnect();
      // Each handle freed once, each in its own try (one failure must not leak the others).
      for (const x of [quote, batch, rules !== baseRules ? rules : null, baseRules, map]) { try { x?.free(); } catch (_) { /* poisoned */ } }
      quote = batch = rules = baseRules = null;
    },
    /** The quote sheet 报价单 (sheet.js): the inputs, every waterfall step, the rule set and its
     *  status, the date — one A4 page when printed. */
    sheet() {
      const en = el.lang === 'en';
      const q = quoteObj;
      const w = quote;
      const text = (sel) => sel.selectedOptions[0]?.textContent ?? '';
      const yes = (c) => (c.checked ? (en ? 'yes' : '是') : (en ? 'no' : '否'));
      const pad = (n) => String(n).padStart(2, '0');
      const d = new Date();
      const acc = f.accGrade.value ? `${text(f.accGrade)} × ${f.accCount.value} (${f.accYear.value})` : text(f.accGrade);
      return {
        name: 'quote',
        title: `${el.t('portal.sheetQuote')} · ${f.name.value}`,
        subtitle: el.t('portal.ruleSetLine').replace('{name}', en ? q.rule_set_name_en : q.rule_set_name_zh).replace('{status}', P('status.' + q.status))
          + ` · ${en ? q.combine_en : q.combine_zh}`,
        fields: [
          [P('premium'), exact(q.premium)], [P('base'), exact(q.base_premium)],
          [P('factor'), `×${q.factor}`], [el.t('portal.quoteDate'), `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`],
          [P('name'), f.name.value], [P('town'), text(f.town)], [P('sector'), text(f.sector)], [P('headcount'), f.headcount.value],
          [P('limitWan'), f.limitWan.value], [P('quoteYear'), f.quoteYear.value], [P('accidents'), acc], [P('standard'), text(f.standard)],
          [P('hdFound'), f.hdFound.value], [P('hdRectified'), f.hdRectified.value], [P('hdMajor'), f.hdMajor.value], [P('blacklisted'), yes(f.blacklisted)],
          [P('credit'), text(f.credit)], [P('honours'), text(f.honours)], [P('prevention'), yes(f.prevention)], [P('insured'), yes(f.insured)],
        ],
        figures: [{ width: 1000, height: 320, draw: (c, k) => w.drawWaterfall(c, k, el.lang) }],
        // Every step; the internal rule id column stays on screen (and in the CSV of the view).
        tables: [(() => { const t = tableData(stepsTable); const drop = (r) => r.filter((_, i) => i !== 1); return { caption: el.t('portal.stepsTable'), head: drop(t.head), rows: t.rows.map(drop) }; })()],
        notes: [...[...extra.children].map((c) => c.textContent), q.status === 'illustrative' || q.status === 'secondary' ? P('illustrativeNote') : ''].filter(Boolean),
        source: en ? q.rule_set_name_en : q.rule_set_name_zh,
        schematic: false,
      };
    },
    /** The last good quote (plain object; money as decimal strings). */
    get quote() { return quoteObj; },
    get baseline() { return baseline; },
    get batch() { return batch ? batch.summary() : null; },
    get batchErrors() { return batch ? batch.errors() : []; },
    /** The enterprise JSON the form currently describes (with the what-if toggles). */
    enterpriseJson: () => enterprise(),
    runCsv(text) { const ok = runCsv(text); if (ok) lastCsv = text; return ok; },
    /** Runs uploaded bytes through the upload path (encoding detection, size limit). */
    runCsvBytes,
    /** The CSV template and the per-row results, as the download buttons write them. */
    templateCsv: () => wasm.premiumCsvTemplate(el.lang),
    rowsCsv: () => (batch ? batch.rowsCsv(el.lang) : null),
    loadRules: loadCustomRules,
    recompute: compute,
  };
});
