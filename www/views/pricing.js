// 风险定价 view: the catastrophe-index policy priced by stochastic simulation — a catalogue of
// perturbed typhoons built in chunks, N simulated years in chunks (progress bar, cancel), then
// the EP curves, the return-period table, expected payout ± standard error, the technical
// premium against an entered premium, basis risk (payout vs modelled loss) and a town map of
// the expected annual payout. Every number comes from the wasm engine.
import { viewRegistry } from '../zs-risk-map.js';
import { formatCny, formatCnySigned, t as tr } from '../i18n.js';
import { adoptStyles, describeFigure, fitCanvas } from './common.js';
import { h, kvData, tableData, townTable, VIEW_STYLE } from './view-kit.js';
import '../i18n-views.js'; // this view's strings (split from i18n.js)
import { fieldError, fieldErrors, formProblem } from './field-errors.js';

const STYLE = /* css */ `
.pricing .left { overflow: auto; }
.pricing .head, .pricing .results, .pricing .empty { flex: none; }
.pricing .head { display: flex; flex-wrap: wrap; gap: 4px 18px; align-items: baseline; padding: 8px 12px; border-bottom: 1px solid var(--border); min-height: 2.4em; }
.pricing .head .big { font-size: 1.4em; }
.pricing .head .se { color: #3b4656; font-variant-numeric: tabular-nums; }
.pricing .chart { height: 340px; }
.pricing .chart.scatter { height: 360px; }
.pricing .block { padding: 8px 12px; border-top: 1px solid var(--border); }
.pricing .block h4 { margin: 0 0 6px; font-size: 1em; }
.pricing table.t { border-collapse: collapse; width: 100%; font-size: .88em; }
.pricing table.t th, .pricing table.t td { border-bottom: 1px solid #e3e7ec; padding: 3px 6px; text-align: left; }
.pricing table.t td.num, .pricing table.t th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.pricing table.t tr.total td { font-weight: 700; border-top: 1px solid #98a2b3; }
.pricing .mapstage { position: relative; height: 380px; }
.pricing .mapstage canvas { position: absolute; inset: 0; width: 100%; height: 100%; }
.pricing .ramp { height: 12px; border: 1px solid #888; margin: 4px 0; }
.pricing .ramp-labels { display: flex; justify-content: space-between; font-size: .85em; color: #444; }
.pricing aside label.row { grid-template-columns: 130px minmax(0, 1fr); }
.pricing aside input { width: 100%; min-width: 0; }
.pricing .buttons { display: flex; gap: 8px; margin: 6px 0; }
.pricing .buttons button { padding: 3px 12px; }
.pricing progress { width: 100%; height: 14px; }
.pricing .status { font-size: .85em; color: #3b4656; min-height: 1.3em; font-variant-numeric: tabular-nums; }
.pricing .empty { padding: 24px 12px; color: #5a6575; }
.pricing .counts { display: grid; grid-template-columns: auto auto auto; gap: 2px 14px; font-size: .88em; }
.pricing .counts .num { text-align: right; font-variant-numeric: tabular-nums; }
.pricing .method li { margin: 3px 0; }
.pricing .lambda-note { font-size: .82em; color: #5a6575; line-height: 1.4; margin: 2px 0 6px; }
.pricing .field-error-msg { color: #b71c1c; font-size: .85em; margin: 4px 0; line-height: 1.4; }
.pricing .field-invalid { outline: 2px solid #c62828; outline-offset: 1px; }
.pricing .few { color: #b45309; }
.pricing .head .rse { color: #3b4656; font-size: .9em; }
`;

/** Chunk sizes: events of the catalogue and years of the simulation per task. */
const CAT_CHUNK = 100;
const YEAR_CHUNK = 1000;

/** Lets the browser paint and handle input between chunks. */
const yieldToBrowser = () => new Promise((r) => setTimeout(r, 0));

/** Replaces {name} placeholders. */
const fill = (s, vars) => s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));

viewRegistry.set('pricing', async (el, section) => {
  const wasm = el.engines; // the engines bundle (loaded by the element before this factory runs)
  const P = (k) => el.t('pricing.' + k);
  const money = (s) => formatCny(s, el.lang);
  const defaults = wasm.pricingDefaults();
  const nf = (x, d = 0) => new Intl.NumberFormat(el.lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: d, minimumFractionDigits: d }).format(x);
  const pct = (x, d = 1) => `${nf(x * 100, d)}%`;
  const years = (x) => (x == null ? null : `${nf(x, x < 10 ? 1 : 0)} ${P('yr')}`);

  /** The shared policy: the payout view's edited one, else the built-in 示例 policy. */
  const policy = () => el.views.get('payout')?.policy ?? JSON.parse(wasm.defaultPolicyJson());

  // ---- state ----
  let cat = null; // { seed, size, catalogue: PricingCatalogue }
  let good = null; // last complete run: { run: PricingRun, result, inputs, timing }
  let job = null; // the run in progress: { cancelled }
  let lastTiming = null;

  // ---- DOM ----
  const f = {
    years: h('input', { type: 'text', inputmode: 'numeric', class: 'years', value: String(defaults.years) }),
    seed: h('input', { type: 'text', inputmode: 'numeric', class: 'seed', value: String(defaults.seed) }),
    lambda: h('input', { type: 'text', inputmode: 'decimal', class: 'lambda', value: String(defaults.lambda) }),
    size: h('input', { type: 'text', inputmode: 'numeric', class: 'size', value: String(defaults.catalogue_size) }),
    premium: h('input', { type: 'text', inputmode: 'decimal', class: 'compare-premium', value: policy().premium ?? '' }),
  };
  // A user-supplied event set replaces the synthetic catalogue until cleared.
  const evText = h('textarea', { class: 'event-set', spellcheck: 'false', rows: '5' });
  const evLoad = h('button', { type: 'button', class: 'load-events' });
  const evClear = h('button', { type: 'button', class: 'clear-events', disabled: true });
  const evStatus = h('div', { class: 'note event-set-status' });
  let userSet = null; // { catalogue: PricingCatalogue, n, rate }
  const runBtn = h('button', { type: 'button', class: 'run' });
  const csvBtn = h('button', { type: 'button', class: 'csv', disabled: true });
  // Engine field id → the form control that holds it (issue 9: highlight the bad input).
  const fe = fieldErrors(el, (field) => {
    if (field === 'simulation.years') return f.years;
    if (/^(catalogue|simulation)\.seed$/.test(field)) return f.seed;
    if (/^(catalogue|simulation)\.lambda$/.test(field)) return f.lambda;
    if (field === 'catalogue.size') return f.size;
    if (field === 'pricing.compare_premium') return f.premium;
    if (field.startsWith('event_set')) return evText;
    return null;
  });
  const cancelBtn = h('button', { type: 'button', class: 'cancel', disabled: true });
  const bar = h('progress', { class: 'progress', max: '1', value: '0' });
  const status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const lambdaNote = h('div', { class: 'lambda-note' });
  const method = h('ul', { class: 'method note' });
  const aside = h('aside', { class: 'panel' });

  const head = h('div', { class: 'head' });
  const empty = h('div', { class: 'empty' });
  const epCanvas = h('canvas', { role: 'img', class: 'ep' });
  const epChart = h('div', { class: 'chart ep-chart' }, epCanvas);
  const rpTable = h('table', { class: 't rp-table' }, h('thead'), h('tbody'));
  const figures = h('dl', { class: 'kv figures' });
  const rpBlock = h('div', { class: 'block rp' }, h('h4'), rpTable, figures);
  const premTable = h('table', { class: 't premium-table' }, h('thead'), h('tbody'));
  const cmp = h('dl', { class: 'kv comparison' });
  const premNote = h('div', { class: 'note prem-note' });
  const premBlock = h('div', { class: 'block premium' }, h('h4'), premTable, cmp, premNote);
  const scCanvas = h('canvas', { role: 'img', class: 'scatter' });
  const scChart = h('div', { class: 'chart scatter' }, scCanvas);
  const counts = h('div', { class: 'counts basis-counts' });
  const basisNote = h('div', { class: 'note basis-note' });
  const basisBlock = h('div', { class: 'block basis' }, h('h4'), counts, basisNote);
  const mapCanvas = h('canvas', { role: 'img', class: 'pricing-map' });
  const tip = h('div', { class: 'tooltip', hidden: true });
  const mapStage = h('div', { class: 'mapstage' }, mapCanvas, tip);
  const legend = h('div', { class: 'legend pricing-legend' });
  const towns = townTable(); // the numbers behind the town map (not only in its tooltip)
  const mapBlock = h('div', { class: 'block town-map' }, h('h4'), mapStage, legend, towns.box);
  const results = h('div', { class: 'results', hidden: true }, epChart, rpBlock, premBlock, scChart, basisBlock, mapBlock);
  const left = h('div', { class: 'left' }, head, empty, results);
  section.append(h('div', { class: 'scen pricing' }, left, aside));
  adoptStyles(section, VIEW_STYLE + STYLE); // constructable stylesheet: CSP-clean
  let dead = false; // set by destroy(): nothing may touch a freed handle after it
  const map = new wasm.RiskMap(mapCanvas);
  map.setFrame(false, 0);

  const row = (label, input) => h('label', { class: 'row' }, h('span', { text: label }), input);

  function build() {
    aside.innerHTML = '';
    aside.append(
      h('fieldset', {}, h('legend', { text: P('inputs') }),
        row(P('years'), f.years), row(P('seed'), f.seed), row(P('lambda'), f.lambda), lambdaNote,
        row(P('size'), f.size), row(P('premium'), f.premium),
        fe.box,
        h('div', { class: 'buttons' }, runBtn, cancelBtn, csvBtn), bar, status),
      h('details', { class: 'event-set-box' }, h('summary', { text: P('eventSet') }), evText,
        h('div', { class: 'buttons' }, evLoad, evClear), evStatus),
      h('fieldset', {}, h('legend', { text: P('method') }), method));
    evLoad.textContent = P('eventSetLoad');
    evClear.textContent = P('eventSetClear');
    evStatus.textContent = userSet ? fill(P('eventSetInUse'), { n: nf(userSet.n), rate: nf(userSet.rate, 2) }) : P('eventSetHint');
    runBtn.textContent = P('run');
    csvBtn.textContent = P('csv');
    fe.relabel();
    cancelBtn.textContent = P('cancel');
    lambdaNote.textContent = fill(P('lambdaNote'), { lambda: defaults.lambda, cross: defaults.catalogue.perturbation.cross_track_km });
    fillMethod();
    empty.textContent = P('empty');
    rpBlock.querySelector('h4').textContent = P('rpTitle');
    premBlock.querySelector('h4').textContent = P('premTitle');
    basisBlock.querySelector('h4').textContent = P('basisTitle');
    mapBlock.querySelector('h4').textContent = P('mapTitle');
    premNote.textContent = P('mMarket');
    basisNote.textContent = P('basisNote');
    evText.setAttribute('aria-label', el.t('portal.eventSetJson'));
    describeFigure(epCanvas, el.t('portal.altEp'), rpTable);
    describeFigure(scCanvas, el.t('portal.altScatter'), counts);
    describeFigure(mapCanvas, el.t('portal.altPricingMap'), towns.table);
  }

  /** The method note (方法说明): the engine's settings, K and λ of the last run. */
  function fillMethod() {
    const c = defaults.catalogue;
    const pt = c.perturbation;
    const s = defaults.simulation;
    const l = s.loadings;
    const exp = s.exposure.kind === 'population' ? fill(P('exposurePop'), { v: money(s.exposure.yuan_per_person) }) : P('exposureSi');
    method.innerHTML = '';
    const items = [
      good?.user
        ? fill(P('mUserSet'), { k: nf(good.result.catalogue_size), rate: nf(good.result.lambda, 2) })
        : fill(P('mCatalogue'), { k: nf(good?.result.catalogue_size ?? c.size), cross: pt.cross_track_km, along: pt.along_track_km, rot: pt.rotate_sd_deg, dp: pt.dp_sd_hpa, rmw: pt.rmw_log_sd, speed: pt.speed_log_sd }),
      fill(P('mLambda'), { lambda: nf(good?.result.lambda ?? defaults.lambda, 2) }),
      fill(P('mWind'), { model: c.wind.model, terrain: c.wind.land_reduction ? P('landReduced') : P('openTerrain') }),
      fill(P('mLoadings'), { safety: pct(+l.safety, 2), operating: pct(+l.operating, 2), capital: pct(+l.capital, 2), tax: pct(+l.tax, 2), fund: pct(+l.fund, 2), factor: nf(+defaults.loadings_factor, 4), how: l.combination === 'gross_up' ? P('grossUp') : P('additive') }),
      fill(P('mDamage'), { vhalf: s.damage.v_half_ms, vthresh: s.damage.v_thresh_ms, exposure: exp, material: money(s.material_loss_yuan) }),
      P('method2'),
      P('mMarket'),
      P('mTiers'),
    ];
    for (const t of items) method.append(h('li', { text: t }));
  }

  /** Reads the form: numbers as JS numbers (NaN when not numeric; the engine rejects them). */
  function inputs() {
    const num = (input) => { const t = String(input.value).trim(); return t === '' ? NaN : Number(t); };
    const lt = String(f.lambda.value).trim();
    return {
      years: num(f.years),
      seed: num(f.seed),
      size: num(f.size),
      lambda: lt === '' ? null : Number(lt),
      premium: String(f.premium.value).trim(),
    };
  }

  /** Shows a status line; `text` is a function of the language so setLang can redo it. */
  let statusText = () => '';
  function setStatus(text, fraction) {
    statusText = typeof text === 'function' ? text : () => text;
    status.textContent = statusText();
    if (fraction != null) bar.value = fraction;
  }

  /** Shows a form error beside the form and, through the element's guard, in its banner (so the
   *  banner never keeps an older message). */
  function refuse(err) {
    try { el._guard(() => { throw err; }); } catch (e) { fe.show(e); }
    return false;
  }

  /** Runs catalogue (if needed) and years in chunks; returns true when a complete result was shown. */
  async function start() {
    // The form is checked first, also while a run is going, so a bad value always gets its
    // error beside the form (the result on screen stays the last good one).
    const inp = inputs();
    // An empty N, seed, K or λ is 「请填写…」, not a default; λ only counts for the synthetic
    // catalogue (a user event set carries its own rates). The compared premium is optional.
    const FIELDS = { years: 'simulation.years', seed: 'catalogue.seed', size: 'catalogue.size', lambda: 'catalogue.lambda', premium: 'pricing.compare_premium' };
    const req = (k) => [f[k], FIELDS[k], tr('zh-CN', 'pricing.' + k), tr('en', 'pricing.' + k)];
    const missing = formProblem([req('years'), req('seed'), req('size'), ...(userSet ? [] : [req('lambda')])]);
    if (missing) return refuse(missing);
    // Text that is no number is named as such (the engine would only see NaN); ±Infinity goes on
    // to the engine, which names it too large.
    const notNumber = Object.keys(FIELDS).map(req).find(([c]) => { const v = String(c.value).trim(); return v !== '' && Number.isNaN(Number(v)); });
    if (notNumber) {
      const [, field, zh, en] = notNumber;
      return refuse(fieldError('INVALID_INPUT', field, `${zh}：请输入数字`, `${en}: enter a number`));
    }
    try {
      el._guard(() => wasm.pricingCheck(inp.years, inp.seed, inp.size, inp.lambda, inp.premium));
    } catch (e) { fe.show(e); return false; }
    if (job) return false;
    const me = { cancelled: false };
    job = me;
    runBtn.disabled = true;
    cancelBtn.disabled = false;
    const timing = { catalogue_ms: 0, catalogue_reused: false, price_events_ms: 0, years_ms: 0, max_chunk_ms: 0, total_ms: 0 };
    const t0 = performance.now();
    const chunk = (fn) => { const a = performance.now(); const r = fn(); const d = performance.now() - a; timing.max_chunk_ms = Math.max(timing.max_chunk_ms, d); return [r, d]; };
    let run = null;
    try {
      // 1. Catalogue: the user's event set, else the synthetic one (reused when seed and K
      //    are unchanged).
      if (userSet) {
        timing.catalogue_reused = true;
      } else if (!cat || cat.seed !== inp.seed || cat.size !== inp.size) {
        const b = el._guard(() => new wasm.PricingCatalogueBuilder(inp.seed, inp.size, inp.lambda));
        try {
          while (!b.isDone()) {
            const [p, d] = chunk(() => el._guard(() => b.step(CAT_CHUNK)));
            timing.catalogue_ms += d;
            setStatus(() => fill(P('progCatalogue'), { done: nf(p.done), total: nf(p.total) }), p.done / p.total);
            await yieldToBrowser();
            if (me.cancelled) return cancelled();
          }
          const c = el._guard(() => b.finish());
          try { cat?.catalogue.free(); } catch (_) { /* poisoned */ }
          cat = { seed: inp.seed, size: inp.size, catalogue: c };
        } finally { try { b.free(); } catch (_) { /* poisoned */ } }
      } else timing.catalogue_reused = true;
      // 2. Every event priced once under the policy (one call), then the years in chunks.
      const policyJson = JSON.stringify(policy());
      // A user event set carries its own annual rates: no λ override.
      const source = userSet ? userSet.catalogue : cat.catalogue;
      const lambda = userSet ? null : inp.lambda;
      [run, timing.price_events_ms] = chunk(() => el._guard(() => new wasm.PricingRun(source, policyJson, inp.years, inp.seed, lambda, inp.premium || null)));
      setStatus(() => fill(P('progYears'), { done: 0, total: nf(inp.years) }), 0);
      await yieldToBrowser();
      while (!run.isDone()) {
        if (me.cancelled) return cancelled();
        const [p, d] = chunk(() => el._guard(() => run.step(YEAR_CHUNK)));
        timing.years_ms += d;
        setStatus(() => fill(P('progYears'), { done: nf(p.done), total: nf(p.total) }), p.done / p.total);
        await yieldToBrowser();
      }
      if (me.cancelled) return cancelled();
      const result = el._guard(() => run.result());
      timing.total_ms = performance.now() - t0;
      try { good?.run.free(); } catch (_) { /* poisoned */ }
      good = { run, result, inputs: inp, timing, user: !!userSet };
      run = null;
      lastTiming = timing;
      fe.clear();
      csvBtn.disabled = false;
      setStatus(() => fill(P('done'), { n: nf(result.years), ms: nf(timing.total_ms) }), 1);
      draw();
      el._emit('priced', keyFigures(result));
      return true;
    } catch (e) {
      // Engine errors were shown by el._guard; anything else is shown here.
      if (e?.name !== 'RiskMapError' && !(e instanceof WebAssembly.RuntimeError)) el._showError(e);
      fe.show(e);
      setStatus(() => P('failed'), null);
      return false;
    } finally {
      try { run?.free(); } catch (_) { /* poisoned */ }
      if (job === me) job = null;
      runBtn.disabled = false;
      cancelBtn.disabled = true;
    }

    function cancelled() {
      const where = statusText;
      setStatus(() => `${P('cancelled')} ${where()}`, null);
      return false;
    }
  }

  function keyFigures(r) {
    return {
      view: 'pricing',
      years: r.years,
      seed: r.seed,
      lambda: r.lambda,
      catalogue_size: r.catalogue_size,
      expected_annual_payout: r.expected_annual_payout,
      standard_error: r.standard_error,
      standard_error_years: r.standard_error_years,
      standard_error_catalogue: r.standard_error_catalogue,
      relative_standard_error: r.relative_standard_error,
      prob_any_payout: r.prob_any_payout,
      attachment_return_period_years: r.attachment_return_period_years,
      exhaustion_return_period_years: r.exhaustion_return_period_years,
      technical_premium: r.premium.gross,
      rate_on_line: r.premium.rate_on_line,
      compare_premium: r.premium.comparison?.premium ?? null,
      return_periods: r.return_periods.map((x) => ({ years: x.return_period_years, aep: x.annual_payout, oep: x.occurrence_payout, exceedances: x.exceedances })),
    };
  }

  function draw() {
    if (dead) return;
    const en = el.lang === 'en';
    if (!good) { empty.hidden = false; results.hidden = true; head.innerHTML = ''; return; }
    empty.hidden = true;
    results.hidden = false;
    const r = good.result;
    // Headline.
    head.innerHTML = '';
    head.append(
      h('span', {}, `${P('expected')} `, h('span', { class: 'big expected', 'data-value': r.expected_annual_payout, text: money(r.expected_annual_payout) }),
        h('span', { class: 'se', 'data-value': r.standard_error, text: ` ± ${money(r.standard_error)} (${P('se')})` })),
      h('span', { class: 'rse', 'data-value': r.relative_standard_error ?? '', text: `${P('relSe')} ${r.relative_standard_error == null ? '—' : pct(r.relative_standard_error, 2)}` }),
      h('span', { class: 'pany', text: `${P('pAny')} ${pct(r.prob_any_payout)}` }),
      h('span', { class: 'state', text: fill(P('runInfo'), { n: nf(r.years), seed: r.seed, lambda: nf(r.lambda, 2), k: nf(r.catalogue_size), mean: nf(r.mean_events_per_year, 3) }) }));
    // Charts.
    try {
      const d1 = fitCanvas(epCanvas);
      good.run.drawEpCurve(epCanvas, d1, el.lang);
      const d2 = fitCanvas(scCanvas);
      good.run.drawScatter(scCanvas, d2, el.lang);
    } catch (e) { el._showError(e); }
    // Return-period table.
    const thead = rpTable.querySelector('thead');
    thead.innerHTML = '';
    thead.append(h('tr', {}, h('th', { text: P('rp') }), h('th', { class: 'num', text: P('prob') }), h('th', { class: 'num', text: P('aep') }), h('th', { class: 'num', text: P('oep') }), h('th', { class: 'num', text: P('exceedances') })));
    const tb = rpTable.querySelector('tbody');
    tb.innerHTML = '';
    for (const x of r.return_periods) {
      tb.append(h('tr', { 'data-rp': String(x.return_period_years) },
        h('td', { text: `${nf(x.return_period_years)} ${P('yr')}` }),
        h('td', { class: 'num', text: pct(x.exceedance_probability, 1) }),
        h('td', { class: 'num', 'data-value': x.annual_payout ?? '', text: x.annual_payout == null ? P('tooFew') : money(x.annual_payout) }),
        h('td', { class: 'num', 'data-value': x.occurrence_payout ?? '', text: x.occurrence_payout == null ? P('tooFew') : money(x.occurrence_payout) }),
        h('td', { class: `num exc${x.few_exceedances ? ' few' : ''}`, 'data-value': String(x.exceedances), text: x.few_exceedances ? fill(P('fewExceedances'), { n: nf(x.exceedances) }) : nf(x.exceedances) })));
    }
    figures.innerHTML = '';
    const kv = (dl, k, v, cls) => dl.append(h('dt', { text: k }), h('dd', { class: cls, text: v }));
    kv(figures, P('expected'), `${money(r.expected_annual_payout)} ± ${money(r.standard_error)}`, 'f-expected');
    kv(figures, P('seParts'), r.catalogue_sampled
      ? `${P('seYears')} ${money(r.standard_error_years)} · ${P('seCatalogue')} ${money(r.standard_error_catalogue)}`
      : `${P('seYears')} ${money(r.standard_error_years)} · ${P('seGiven')}`, 'f-se-parts');
    kv(figures, P('relSe'), `${r.relative_standard_error == null ? '—' : pct(r.relative_standard_error, 2)} (${P('relSeNote')})`, 'f-rse');
    kv(figures, P('pAny'), pct(r.prob_any_payout, 2), 'f-pany');
    // A return period resting on few simulated years says so (e.g. "769 年，仅 13 次超越").
    const rpText = (rp, n) => {
      if (rp == null) return fill(P('never'), { n: nf(r.years) });
      return fill(P(n < r.few_exceedances_below ? 'rpFew' : 'rpWithCount'), { rp: years(rp), n: nf(n) });
    };
    kv(figures, P('attach'), rpText(r.attachment_return_period_years, r.years_paying), 'f-attach');
    kv(figures, P('exhaust'), rpText(r.exhaustion_return_period_years, r.years_exhausted), 'f-exhaust');
    kv(figures, P('si'), money(r.sum_insured));
    kv(figures, P('aggregate'), money(r.annual_aggregate));
    kv(figures, P('meanLoss'), money(r.basis_risk.expected_annual_modelled_loss));
    // Premium breakdown.
    const p = r.premium;
    const ph = premTable.querySelector('thead');
    ph.innerHTML = '';
    ph.append(h('tr', {}, h('th', { text: P('item') }), h('th', { class: 'num', text: P('rate') }), h('th', { text: P('base') }), h('th', { class: 'num', text: P('amount') })));
    const pb = premTable.querySelector('tbody');
    pb.innerHTML = '';
    for (const ln of p.lines) {
      pb.append(h('tr', { 'data-key': ln.key },
        h('td', { text: en ? ln.name_en : ln.name_zh }),
        h('td', { class: 'num', text: ln.key === 'pure' ? '—' : pct(Number(ln.rate), 2) }),
        h('td', { text: ln.key === 'pure' ? '—' : P(ln.base === 'gross' ? 'ofGross' : 'ofPure') }),
        h('td', { class: 'num', text: money(ln.amount) })));
    }
    pb.append(h('tr', { class: 'total', 'data-key': 'gross' }, h('td', { text: P('gross') }), h('td', { class: 'num', text: `×${nf(Number(p.factor), 4)}` }), h('td'), h('td', { class: 'num gross', 'data-value': p.gross, text: money(p.gross) })));
    cmp.innerHTML = '';
    kv(cmp, P('rol'), pct(Number(p.rate_on_line), 3), 'c-rol');
    if (Number(p.rounding_difference) !== 0) kv(cmp, P('rounding'), money(p.rounding_difference));
    const c = p.comparison;
    if (c) {
      kv(cmp, P('entered'), money(c.premium), 'c-premium');
      kv(cmp, P('ratio'), c.ratio_to_technical == null ? '—' : `×${nf(Number(c.ratio_to_technical), 2)}`, 'c-ratio');
      kv(cmp, P('difference'), formatCnySigned(c.difference, el.lang), 'c-diff');
      kv(cmp, P('multiple'), c.multiple_of_expected_payout == null ? '—' : `×${nf(Number(c.multiple_of_expected_payout), 2)}`, 'c-multiple');
      kv(cmp, P('enteredRol'), pct(Number(c.rate_on_line), 3), 'c-entered-rol');
    } else kv(cmp, P('entered'), P('noPremium'));
    // Basis risk.
    const b = r.basis_risk;
    counts.innerHTML = '';
    const cell = (t, cls) => h('span', { class: cls, text: t });
    counts.append(cell(''), cell(P('perEvent'), 'num'), cell(P('perYear'), 'num'));
    const line = (label, k, cls) => counts.append(cell(label), cell(nf(b.per_event[k]), `num ${cls}-event`), cell(nf(b.per_year[k]), `num ${cls}-year`));
    line(P('items'), 'items', 'n-items');
    line(P('payWithoutLoss'), 'paid_without_loss', 'n-pay-only');
    line(P('lossUnpaid'), 'loss_without_payout', 'n-loss-only');
    line(P('both'), 'paid_with_loss', 'n-both');
    counts.append(cell(P('payWithoutLossAmt')), cell(money(b.per_event.payout_without_loss), 'num'), cell(money(b.per_year.payout_without_loss), 'num'));
    counts.append(cell(P('unpaidLossAmt')), cell(money(b.per_event.unpaid_loss), 'num'), cell(money(b.per_year.unpaid_loss), 'num'));
    counts.append(cell(P('corr')), cell(b.per_event.correlation == null ? '—' : nf(b.per_event.correlation, 2), 'num'), cell(b.per_year.correlation == null ? '—' : nf(b.per_year.correlation, 2), 'num'));
    basisNote.textContent = fill(P('basisNote'), { material: money(b.material_loss), exposure: money(b.total_exposure) });
    fillMethod();
    drawMap();
  }

  function drawMap() {
    if (!good || dead) return;
    const en = el.lang === 'en';
    const dpr = fitCanvas(mapCanvas);
    try {
      map.setLang(el.lang);
      map.showPricingLayer(good.run);
      map.render(dpr);
    } catch (e) { el._showError(e); return; }
    const lg = map.legend();
    legend.innerHTML = '';
    legend.append(h('b', { text: en ? lg.title_en : lg.title_zh }),
      h('div', { class: 'ramp', style: `background: linear-gradient(to right, ${lg.rows.map((x) => x.color).join(', ')})` }),
      h('div', { class: 'ramp-labels' }, ...lg.rows.map((x) => h('span', { text: en ? x.range_en : x.range }))),
      h('div', { class: 'note', text: en ? lg.note_en : lg.note_zh }));
    const names = new Map((el.districts || []).map((d) => [d.code, en ? d.name_en : d.name_zh]));
    towns.fill(el.t('portal.townValues'), [el.t('town'), P('expected'), P('pAny'), P('meanLoss')],
      good.result.districts.map((d) => [names.get(d.code) ?? d.name_zh, money(d.expected_payout), pct(d.prob_any_payout, 2), money(d.expected_modelled_loss)]));
  }

  const showTip = (e) => {
    if (dead) return;
    const code = map.districtAt(e.offsetX, e.offsetY);
    const d = code && good?.result.districts.find((x) => x.code === code);
    if (!d) { tip.hidden = true; return; }
    const row2 = el.districts?.find((x) => x.code === code);
    tip.innerHTML = '';
    tip.append(h('b', { text: el.lang === 'en' ? (row2?.name_en ?? d.name_zh) : d.name_zh }),
      h('div', { text: `${P('expected')}: ${money(d.expected_payout)}` }),
      h('div', { text: `${P('pAny')}: ${pct(d.prob_any_payout, 2)}` }),
      h('div', { text: `${P('meanLoss')}: ${money(d.expected_modelled_loss)}` }));
    tip.hidden = false;
    tip.style.left = `${Math.min(e.offsetX + 14, mapStage.clientWidth - tip.offsetWidth - 4)}px`;
    tip.style.top = `${e.offsetY + 14}px`;
  };
  // Hover with a mouse, tap on a touch screen: the same information (no hover-only data).
  mapCanvas.addEventListener('pointermove', (e) => { if (e.pointerType !== 'touch') showTip(e); });
  mapCanvas.addEventListener('click', showTip);
  mapCanvas.addEventListener('pointerleave', (e) => { if (e.pointerType !== 'touch') tip.hidden = true; });

  evLoad.addEventListener('click', () => {
    let c;
    try { c = el._guard(() => wasm.PricingCatalogue.fromEventSet(evText.value)); } catch (e) { fe.show(e); return; }
    fe.clear();
    try { userSet?.catalogue.free(); } catch (_) { /* poisoned */ }
    userSet = { catalogue: c, n: c.len(), rate: c.totalRate() };
    evClear.disabled = false;
    evStatus.textContent = fill(P('eventSetInUse'), { n: nf(userSet.n), rate: nf(userSet.rate, 2) });
  });
  evClear.addEventListener('click', () => {
    try { userSet?.catalogue.free(); } catch (_) { /* poisoned */ }
    userSet = null;
    evClear.disabled = true;
    evStatus.textContent = P('eventSetHint');
  });
  runBtn.addEventListener('click', () => { start(); });
  csvBtn.addEventListener('click', () => {
    if (!good) return;
    let text;
    try { text = el._guard(() => good.run.csv()); } catch (_) { return; }
    el._download(new Blob([text], { type: 'text/csv;charset=utf-8' }), 'pricing.csv');
  });
  cancelBtn.addEventListener('click', () => { if (job) job.cancelled = true; });
  for (const input of Object.values(f)) input.addEventListener('keydown', (e) => { if (e.key === 'Enter') start(); });
  const ro = new ResizeObserver(() => { if (!section.hidden && good) draw(); });

  build();
  map.copyDistrictsFrom(el._engineDistricts());
  draw();
  ro.observe(left);

  return {
    activate() {
      map.copyDistrictsFrom(el._engineDistricts());
      if (!good && !job) f.premium.value = policy().premium ?? '';
      draw();
    },
    deactivate() { tip.hidden = true; },
    setLang() { build(); status.textContent = statusText(); draw(); },
    /** The last good result as CSV (what the export button downloads), or null. */
    csv() { return good ? good.run.csv() : null; },
    destroy() {
      dead = true;
      ro.disconnect();
      // A run in progress stops at its next chunk boundary and frees its own handles.
      if (job) job.cancelled = true;
      // Each handle freed once, each in its own try (one failure must not leak the others).
      for (const x of [good?.run, cat?.catalogue, userSet?.catalogue, map]) { try { x?.free(); } catch (_) { /* poisoned */ } }
      good = cat = userSet = null;
    },
    /** The export sheet (sheet.js): EP curves, return-period and premium tables, key figures;
     *  before a run, the settings. */
    sheet() {
      const en = el.lang === 'en';
      const L = map.legend();
      const g = good;
      const settings = [[P('years'), f.years.value], [P('seed'), f.seed.value], [P('lambda'), f.lambda.value], [P('size'), f.size.value], [P('premium'), f.premium.value || '—']];
      if (!g) {
        return { name: 'pricing', title: el.t('portal.sheetPricing'), subtitle: el.t('portal.notRun'), fields: settings, figures: [], tables: [],
          notes: [...method.querySelectorAll('li')].map((li) => li.textContent), source: L.attribution, schematic: false };
      }
      return {
        name: `pricing-${g.result.years}y-seed${g.result.seed}`,
        title: `${el.t('portal.sheetPricing')} · ${head.textContent}`,
        fields: [...settings, ...kvData(figures), ...kvData(cmp)],
        figures: [
          { width: 1000, height: 340, draw: (c, k) => g.run.drawEpCurve(c, k, el.lang) },
          { width: 1000, height: 360, draw: (c, k) => g.run.drawScatter(c, k, el.lang) },
        ],
        tables: [{ caption: el.t('portal.rpTable'), ...tableData(rpTable) }, { caption: el.t('portal.premTable'), ...tableData(premTable) }],
        notes: [...method.querySelectorAll('li')].map((li) => li.textContent).concat([basisNote.textContent]),
        source: en ? 'Synthetic catalogue from CMA best tracks (see method)' : '合成事件集，基于 CMA 最佳路径（见方法说明）',
        schematic: L.schematic,
      };
    },
    /** Starts a run with the form's inputs; resolves true when a complete result is shown. */
    run: start,
    /** Cancels the run in progress (it stops between chunks; the last result stays). */
    cancel() { if (job) job.cancelled = true; },
    /** Sets form fields: {years, seed, lambda, size, premium}. */
    setInputs(v) { for (const [k, x] of Object.entries(v)) if (f[k]) f[k].value = String(x); },
    get running() { return !!job; },
    /** The last complete result (plain object; money as decimal strings), or null. */
    get result() { return good?.result ?? null; },
    get inputs() { return good?.inputs ?? null; },
    /** Timing of the last complete run (ms): catalogue, pricing the events, years, largest chunk. */
    get timing() { return lastTiming; },
  };
});
