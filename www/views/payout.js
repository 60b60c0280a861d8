// 赔付模拟 view: the catastrophe-index policy on the current typhoon scenario — towns
// coloured by payout, a bar chart by town, totals and caps, one explanation line per town,
// an editable policy that recomputes at once, CSV export.
import { viewRegistry } from '../zs-risk-map.js';
import { formatCny, t as tr } from '../i18n.js';
import { adoptStyles, describeFigure, fitCanvas } from './common.js';
import { h, kvData, VIEW_STYLE } from './view-kit.js';
import '../i18n-views.js'; // this view's strings (split from i18n.js)
import { getScenario } from './typhoon.js';
import { fieldErrors, formProblem } from './field-errors.js';
import { PROJECTOR_TYPE, shared, updateShared, whatIfLabel } from './briefing.js'; // shareable state, presentation (issue 11)

const STYLE = /* css */ `
.view-payout .field-error-msg { color: #b71c1c; font-size: .85em; margin: 4px 0; line-height: 1.4; }
.view-payout .field-invalid { outline: 2px solid #c62828; outline-offset: 1px; }
.view-payout label.row[hidden] { display: none; }
`;

viewRegistry.set('payout', async (el, section) => {
  const wasm = el.engines; // the engines bundle (loaded by the element before this factory runs)
  const P = (k) => el.t('payout.' + k);
  const canvas = h('canvas', { role: 'img' });
  const tip = h('div', { class: 'tooltip', hidden: true });
  const stage = h('div', { class: 'stage' }, canvas, tip);
  const chartCanvas = h('canvas', { role: 'img', class: 'bars' });
  const chart = h('div', { class: 'chart' }, chartCanvas);
  const left = h('div', { class: 'left' }, stage, chart);
  const aside = h('aside', { class: 'panel' });
  section.append(h('div', { class: 'scen' }, left, aside));
  adoptStyles(section, VIEW_STYLE + STYLE); // constructable stylesheet: CSP-clean
  let dead = false; // set by destroy(): nothing may touch a freed handle after it
  const map = new wasm.RiskMap(canvas);
  map.setFrame(true, 0); // title and payout legend drawn into the map

  const defaultPolicy = JSON.parse(wasm.defaultPolicyJson());
  let policy = structuredClone(shared(el).policy ?? defaultPolicy);
  let run = null; // last good PayoutRun
  let summary = null;
  const event = { kind: 'typhoon', rainMm: 180, windowH: 24 };
  let draftWeights = {};

  // ---- editor ----
  const siInput = h('input', { type: 'number', min: '1', step: '100', class: 'si' });
  const allocSel = h('select', { class: 'alloc' });
  const tierBody = h('tbody');
  const weightBody = h('tbody');
  const weightBox = h('div', { class: 'weights', hidden: true });
  const normBtn = h('button', { type: 'button', class: 'normalise' });
  const kindSel = h('select', { class: 'event-kind' });
  const rainMm = h('input', { type: 'number', min: '0', max: '1000', step: '10', class: 'rain-mm', value: String(event.rainMm) });
  const rainWin = h('select', { class: 'rain-window' }, h('option', { value: '24', text: '24 h' }), h('option', { value: '48', text: '48 h' }));
  const rainRow = h('label', { class: 'row rain', hidden: true });
  const csvBtn = h('button', { type: 'button', class: 'csv' });
  const resetBtn = h('button', { type: 'button', class: 'reset' });
  const totals = h('dl', { class: 'kv totals' });
  const big = h('div', { class: 'big paid' });
  const scen = h('div', { class: 'state scenario' });
  const badge = h('div', { class: 'note status' });
  const timeline = h('ul', { class: 'timeline' });
  const explain = h('ol', { class: 'explain' });
  // The season: events added in order, paid under the annual aggregate.
  const season = new wasm.PayoutSeason();
  const addBtn = h('button', { type: 'button', class: 'season-add' });
  const clearBtn = h('button', { type: 'button', class: 'season-clear' });
  const seasonTable = h('table', { class: 'tiers season-table' });
  const seasonTotal = h('div', { class: 'state season-total' });
  // Engine field id → the form control that holds it (issue 9: highlight the bad input).
  const fe = fieldErrors(el, (field) => {
    if (/^policy\.(sum_insured|per_event_cap|annual_aggregate)$/.test(field)) return siInput;
    let m = /^policy\.allocation\.weights\.(\d+)$/.exec(field);
    if (m) return weightBody.querySelector(`input[data-code="${m[1]}"]`);
    if (field === 'policy.allocation.weights') return [...weightBody.querySelectorAll('input')];
    m = /^policy\.perils\.typhoon\.tiers\[(\d+)\]/.exec(field);
    if (m) return tierBody.querySelector(`input[data-row="${m[1]}"]`);
    if (field === 'policy.allocation') return allocSel;
    if (field === 'event.kind') return kindSel;
    if (field === 'rain.window_h') return rainWin;
    if (field.startsWith('rain.')) return rainMm;
    if (field.startsWith('season')) return addBtn;
    return null;
  });

  /** A key's label in both languages (what a field error names), with {level}/{town} filled. */
  const both = (key, fill = () => ['', '']) => ['zh-CN', 'en'].map((l, i) => tr(l, key).replace(/\{\w+\}/, fill()[i]));
  /** The form's own check of one control before the engine sees it: an empty number or a select
   *  with no option is shown beside the form and nothing is recomputed (the last good result stays). */
  function refused(control, field, key, fill) {
    const p = control.tagName === 'SELECT' ? formProblem([], [[control, field, ...both(key, fill)]]) : formProblem([[control, field, ...both(key, fill)]]);
    if (p) { try { el._guard(() => { throw p; }); } catch (e) { fe.show(e); } } // banner and box alike
    return !!p;
  }

  /** What the editor shows as typed (even a refused value), to survive a rebuild: the sum
   *  insured, each weight (by town code) and tier ratio (by row), and the weight draft. */
  function typedEditor() {
    const byKey = (list, k) => new Map([...list].map((i) => [i.dataset[k], i.value]));
    return { si: siInput.value, weights: byKey(weightBody.querySelectorAll('input'), 'code'), tiers: byKey(tierBody.querySelectorAll('input'), 'row'), draft: { ...draftWeights } };
  }
  function restoreEditor(t) {
    siInput.value = t.si;
    for (const i of weightBody.querySelectorAll('input')) if (t.weights.has(i.dataset.code)) i.value = t.weights.get(i.dataset.code);
    for (const i of tierBody.querySelectorAll('input')) if (t.tiers.has(i.dataset.row)) i.value = t.tiers.get(i.dataset.row);
    if (allocSel.value === 'table') draftWeights = t.draft;
  }

  let built = false;
  function build() {
    // A language switch rebuilds the labels, not the user's input: what was typed stays as
    // typed (a refused value too, still marked, its message in the new language).
    const typed = built ? typedEditor() : null;
    aside.innerHTML = '';
    allocSel.innerHTML = '';
    allocSel.append(h('option', { value: 'population', text: P('byPop') }), h('option', { value: 'equal', text: P('equal') }),
      h('option', { value: 'table', text: P('byTable') }));
    kindSel.innerHTML = '';
    kindSel.append(h('option', { value: 'typhoon', text: P('kindTyphoon') }), h('option', { value: 'rain', text: P('kindRain') }));
    kindSel.value = event.kind;
    rainRow.innerHTML = '';
    rainRow.append(h('span', { text: P('rainMm') }), rainMm, rainWin);
    rainRow.hidden = event.kind !== 'rain';
    normBtn.textContent = P('normalise');
    weightBox.innerHTML = '';
    weightBox.append(h('table', { class: 'tiers' }, h('thead', {}, h('tr', {}, h('th', { text: el.t('town') }), h('th', { text: P('weightPct') }))), weightBody), normBtn);
    aside.append(scen,
      h('label', { class: 'row' }, h('span', { text: P('event') }), kindSel, h('span')), rainRow,
      big, badge,
      h('fieldset', {}, h('legend', { text: P('title') }), totals),
      h('fieldset', {}, h('legend', { text: P('editor') }),
        fe.box,
        h('label', { class: 'row' }, h('span', { text: P('siWan') }), siInput, h('span')),
        h('label', { class: 'row' }, h('span', { text: P('allocation') }), allocSel, h('span')),
        weightBox,
        h('div', { text: P('tiers') }),
        h('table', { class: 'tiers' }, h('thead', {}, h('tr', {}, h('th', { text: P('level') }), h('th', { text: P('ratio') }))), tierBody),
        resetBtn),
      h('fieldset', {}, h('legend', { text: P('timeline') }), timeline),
      h('fieldset', {}, h('legend', { text: P('season') }), h('div', { class: 'buttons' }, addBtn, ' ', clearBtn), seasonTable, seasonTotal),
      csvBtn,
      h('h4', { text: P('explain') }), explain);
    csvBtn.textContent = P('csv');
    addBtn.textContent = P('seasonAdd');
    clearBtn.textContent = P('seasonClear');
    resetBtn.textContent = P('resetPolicy');
    rainWin.setAttribute('aria-label', el.t('portal.rainWindow'));
    describeFigure(canvas, el.t('portal.altPayoutMap'), explain);
    describeFigure(chartCanvas, el.t('portal.altPayoutBars'), explain);
    fillEditor();
    if (typed) restoreEditor(typed);
    fe.relabel(); // after the rebuild: the message in the new language, the new controls marked
    built = true;
  }

  function fillEditor() {
    siInput.value = String(Number(policy.sum_insured) / 1e4);
    allocSel.value = policy.allocation?.kind || 'population';
    weightBox.hidden = allocSel.value !== 'table';
    weightBody.innerHTML = '';
    if (allocSel.value === 'table') {
      draftWeights = { ...policy.allocation.weights };
      const names = new Map(el.map.districts().map((d) => [d.code, el.lang === 'en' ? d.name_en : d.name_zh]));
      for (const [code, w] of Object.entries(policy.allocation.weights)) {
        const inp = h('input', { type: 'number', min: '0', max: '100', step: '0.01', value: String(+(Number(w) * 100).toFixed(4)), 'data-code': code });
        inp.setAttribute('aria-label', el.t('portal.weightOf').replace('{town}', names.get(code) ?? code));
        inp.addEventListener('change', () => {
          if (refused(inp, `policy.allocation.weights.${code}`, 'portal.weightOf', () => [names.get(code) ?? code, names.get(code) ?? code])) return;
          // The draft keeps what the user typed even when the table does not add up yet, so
          // "normalise" works on it; the policy only takes valid tables.
          draftWeights[code] = String(Number(inp.value) / 100);
          edit((p) => { p.allocation.weights = { ...draftWeights }; });
        });
        weightBody.append(h('tr', {}, h('td', { text: names.get(code) ?? code }), h('td', {}, inp)));
      }
    }
    tierBody.innerHTML = '';
    (policy.perils.typhoon?.tiers || []).forEach((t, i) => {
      const inp = h('input', { type: 'number', min: '0', max: '100', step: '1', value: String(+(Number(t.ratio) * 100).toFixed(4)), 'data-row': String(i) });
      inp.setAttribute('aria-label', el.t('portal.tierRatio').replace('{level}', el.lang === 'en' ? `force ${t.level}` : `${t.level}级`));
      inp.addEventListener('input', () => {
        // An empty ratio is 「请填写」, not 0 % (a number field reads "abc" or "NaN" as empty too).
        if (refused(inp, `policy.perils.typhoon.tiers[${i}].ratio`, 'portal.tierRatio', () => [`${t.level}级`, `force ${t.level}`])) return;
        edit((p) => { p.perils.typhoon.tiers[i].ratio = String(Number(inp.value) / 100); });
      });
      tierBody.append(h('tr', {}, h('td', { text: el.lang === 'en' ? `force ${t.level}${i === policy.perils.typhoon.tiers.length - 1 ? '+' : ''}` : `${t.level}级${i === policy.perils.typhoon.tiers.length - 1 ? '及以上' : ''}` }), h('td', {}, inp)));
    });
  }

  siInput.addEventListener('input', () => !refused(siInput, 'policy.sum_insured', 'payout.siWan') && edit((p) => {
    const yuan = Math.round(Number(siInput.value) * 1e4);
    p.sum_insured = String(yuan);
    // Keep the caps equal to the sum insured, as the example terms have them.
    p.per_event_cap = String(yuan);
    p.annual_aggregate = String(yuan);
  }));
  allocSel.addEventListener('change', () => {
    if (refused(allocSel, 'policy.allocation', 'payout.allocation')) return;
    if (allocSel.value === 'table') {
      // Start the table from the current weights (population shares), exact to 1e-6 and
      // summing to 1: the last town takes the rounding remainder.
      const lines = summary?.event?.districts || [];
      const weights = {};
      let acc = 0;
      lines.forEach((d, i) => {
        const w = i === lines.length - 1 ? +(1 - acc).toFixed(6) : +Number(d.weight).toFixed(6);
        acc += w;
        weights[d.code] = String(w);
      });
      edit((p) => { p.allocation = { kind: 'table', weights }; });
    } else {
      edit((p) => { p.allocation = { kind: allocSel.value }; });
    }
    fillEditor();
  });
  normBtn.addEventListener('click', () => edit((p) => {
    // Rescale the draft table to add up to 1 exactly (six decimals; the largest takes the remainder).
    const entries = Object.entries(draftWeights).map(([c, w]) => [c, Math.max(0, Number(w))]);
    const total = entries.reduce((a, [, w]) => a + w, 0) || 1;
    const scaled = entries.map(([c, w]) => [c, +(w / total).toFixed(6)]);
    const rest = +(1 - scaled.reduce((a, [, w]) => a + w, 0)).toFixed(6);
    const big = scaled.reduce((m, e, i) => (e[1] > scaled[m][1] ? i : m), 0);
    scaled[big][1] = +(scaled[big][1] + rest).toFixed(6);
    p.allocation = { kind: 'table', weights: Object.fromEntries(scaled.map(([c, w]) => [c, String(w)])) };
  }) && fillEditor());
  kindSel.addEventListener('change', () => { if (refused(kindSel, 'event.kind', 'payout.event')) return; event.kind = kindSel.value; rainRow.hidden = event.kind !== 'rain'; compute(); });
  // The rainfall only becomes the event's when the engine accepts it (last good kept).
  rainMm.addEventListener('input', () => {
    if (refused(rainMm, 'rain.uniform_mm', 'payout.rainMm')) return;
    const prev = event.rainMm;
    event.rainMm = rainMm.value.trim() === '' ? NaN : Number(rainMm.value);
    if (!compute()) event.rainMm = prev;
  });
  rainWin.addEventListener('change', () => { if (refused(rainWin, 'rain.window_h', 'portal.rainWindow')) return; event.windowH = Number(rainWin.value); compute(); });
  resetBtn.addEventListener('click', () => { policy = structuredClone(defaultPolicy); updateShared(el, { policy: null }); fillEditor(); compute(); });
  csvBtn.addEventListener('click', () => run && el._download(new Blob([run.csv()], { type: 'text/csv;charset=utf-8' }), 'payout.csv'));

  addBtn.addEventListener('click', () => {
    try {
      el._guard(() => {
        if (event.kind === 'rain') {
          season.addRain(JSON.stringify(policy), JSON.stringify({ name: `${P('kindRain')} ${event.rainMm} mm`, uniform_mm: String(event.rainMm), window_h: event.windowH }));
        } else {
          const sc = getScenario(el);
          season.addTyphoon(sc, `${sc.name(el.lang)} · ${sc.options().model}`);
        }
      });
    } catch (e) { fe.show(e); return; }
    drawSeason();
  });
  clearBtn.addEventListener('click', () => { season.clear(); drawSeason(); });

  /** Pays the season under the current policy and lists each event's payout and cuts. */
  function drawSeason() {
    seasonTable.innerHTML = '';
    seasonTotal.textContent = season.isEmpty() ? P('seasonEmpty') : '';
    if (season.isEmpty()) return;
    let s;
    try { s = el._guard(() => season.pay(JSON.stringify(policy))); } catch (_) { return; }
    const money = (x) => formatCny(x, el.lang);
    seasonTable.append(h('thead', {}, h('tr', {}, ...[P('seasonEvent'), P('raw'), P('cutAgg'), P('paid')].map((t) => h('th', { text: t })))));
    const tb = h('tbody');
    for (const e of s.season.events) {
      tb.append(h('tr', {}, h('td', { text: e.name }), h('td', { class: 'num', text: money(e.raw) }),
        h('td', { class: 'num', text: money(e.cut_by_aggregate) }), h('td', { class: 'num', text: money(e.paid) })));
    }
    seasonTable.append(tb);
    seasonTotal.textContent = `${P('seasonTotal')} ${money(s.season.total_paid)} · ${P('seasonLeft')} ${money(s.season.aggregate_remaining)}`;
    seasonTotal.dataset.paid = s.season.total_paid;
  }

  /** Applies an edit to a copy of the policy; keeps the last good policy when it fails. */
  function edit(fn) {
    const next = structuredClone(policy);
    fn(next);
    if (!compute(next)) return false;
    policy = next;
    updateShared(el, { policy: structuredClone(policy) });
    drawSeason();
    return true;
  }

  function compute(next = policy) {
    if (dead) return false;
    let r;
    try {
      r = el._guard(() => (event.kind === 'rain'
        ? wasm.rainPayout(JSON.stringify(next), JSON.stringify({ name: `${P('kindRain')} ${event.rainMm} mm`, uniform_mm: String(event.rainMm), window_h: event.windowH }))
        : getScenario(el).payout(JSON.stringify(next))));
    } catch (e) { fe.show(e); return false; }
    fe.clear();
    try { run?.free(); } catch (_) { /* poisoned */ }
    run = r;
    summary = run.summary();
    draw();
    el._emit('simulated', { view: 'payout', paid: summary.event.paid, scenario: summary.scenario });
    return true;
  }

  function draw() {
    if (!run || dead) return;
    const en = el.lang === 'en';
    const s = summary;
    const dpr = fitCanvas(canvas);
    try {
      map.setLang(el.lang);
      map.showPayout(run);
      map.setTypeScale(el.hasAttribute('presenting') ? PROJECTOR_TYPE : 1);
      map.render(dpr);
      const cd = fitCanvas(chartCanvas);
      // Presentation (docs/briefing.md §7.2): the chart's type at the projector scale — its
      // sizes are CSS px × dpr, so a larger dpr on the same canvas scales text and margins.
      run.drawBars(chartCanvas, cd * (el.hasAttribute('presenting') ? PROJECTOR_TYPE : 1), el.lang);
    } catch (e) { el._showError(e); return; }
    scen.textContent = event.kind === 'rain'
      ? `${P('scenario')}: ${P('kindRain')} ${event.rainMm} mm / ${event.windowH} h`
      : `${P('scenario')}: ${getScenario(el).name(el.lang)} · ${getScenario(el).options().model} · ${el.t('briefing.whatIf')}: ${whatIfLabel(shared(el).what_if, el.t)}`;
    big.textContent = `${P('paid')} ${formatCny(s.event.paid, el.lang)}`;
    badge.textContent = `${en ? s.label_en : s.label} — ${P('illustrative')}`;
    // Which wind the typhoon index reads (policy perils.typhoon.index; docs/wind.md §7).
    if (s.index_zh) badge.textContent += ` ${P('indexWind')}: ${en ? s.index_en : s.index_zh}.`;
    totals.innerHTML = '';
    const kv = (k, v) => totals.append(h('dt', { text: k }), h('dd', { text: v }));
    kv(P('si'), formatCny(s.sum_insured, el.lang));
    if (s.premium) kv(P('premium'), formatCny(s.premium, el.lang));
    if (s.rate_on_line) kv(P('rol'), `${(Number(s.rate_on_line) * 100).toFixed(2)}%`);
    kv(P('raw'), formatCny(s.event.raw, el.lang));
    kv(P('cutDed'), formatCny(s.event.cut_by_deductible, el.lang));
    kv(P('cutCap'), formatCny(s.event.cut_by_event_cap, el.lang));
    kv(P('cutAgg'), formatCny(s.event.cut_by_aggregate, el.lang));
    kv(P('paid'), formatCny(s.event.paid, el.lang));
    timeline.innerHTML = '';
    for (const t of s.timeline) timeline.append(h('li', { text: `${en ? (t.label_en ?? t.kind) : (t.label_zh ?? t.kind)}: ${formatCny(t.amount, el.lang)}` }));
    explain.innerHTML = '';
    for (const line of (en ? s.explain_en : s.explain_zh)) explain.append(h('li', { text: line }));
  }

  const showTip = (e) => {
    if (dead) return;
    const code = map.districtAt(e.offsetX, e.offsetY);
    if (!code || !summary) { tip.hidden = true; return; }
    const d = summary.event.districts.find((x) => x.code === code);
    const en = el.lang === 'en';
    tip.innerHTML = '';
    tip.append(h('b', { text: en ? d.name_en : d.name_zh }),
      h('div', { text: `${en ? 'index' : '指数'} ${d.index ?? '—'} m/s → ${en ? 'force ' + d.level : d.level + '级'} → ${(Number(d.ratio) * 100).toFixed(0)}%` }),
      h('div', { text: `${P('paid')}: ${formatCny(d.payout, el.lang)}` }));
    tip.hidden = false;
    tip.style.left = `${Math.min(e.offsetX + 14, stage.clientWidth - tip.offsetWidth - 4)}px`;
    tip.style.top = `${e.offsetY + 14}px`;
  };
  // Hover with a mouse, tap on a touch screen: the same information (no hover-only data).
  canvas.addEventListener('pointermove', (e) => { if (e.pointerType !== 'touch') showTip(e); });
  canvas.addEventListener('click', showTip);
  canvas.addEventListener('pointerleave', (e) => { if (e.pointerType !== 'touch') tip.hidden = true; });
  const ro = new ResizeObserver(() => { if (!section.hidden) draw(); });

  build();
  map.copyDistrictsFrom(el._engineDistricts());
  compute();
  drawSeason();
  ro.observe(stage);

  return {
    activate() { map.copyDistrictsFrom(el._engineDistricts()); compute(); },
    /** el.scenario = …: the shared policy (null: the 示例 policy); the storm is the shared one. */
    applyShared(s) { policy = structuredClone(s.policy ?? defaultPolicy); fillEditor(); compute(); },
    setLang() { build(); draw(); drawSeason(); },
    /** The message and field of the error shown beside the form, or null. */
    get fieldError() { return fe.box.hidden ? null : { code: fe.box.dataset.code, field: fe.box.dataset.field, text: fe.message() }; },
    destroy() {
      dead = true;
      ro.disconnect();
      // Each handle freed once, each in its own try (one failure must not leak the others).
      for (const x of [run, map, season]) { try { x?.free(); } catch (_) { /* poisoned */ } }
      run = null;
    },
    /** The export sheet (sheet.js): payout map, bar chart, totals, the per-town table. */
    sheet() {
      const en = el.lang === 'en';
      const L = map.legend();
      const r = run;
      const k = (x) => formatCny(x, el.lang);
      return {
        name: 'payout',
        title: `${el.t('portal.sheetPayout')} · ${big.textContent}`,
        subtitle: `${scen.textContent} · ${badge.textContent}`,
        fields: kvData(totals),
        figures: [
          { width: 1200, height: 800, draw: (c, s) => map.renderExport(c, s), svg: () => map.toSvg(1200, 800) },
          { width: 1200, height: 420, draw: (c, s) => r.drawBars(c, s, el.lang) },
        ],
        tables: [{
          caption: el.t('portal.payoutTable'),
          // The index as the tooltip names it: peak wind (m/s) for a typhoon, rainfall (mm) for rain.
          head: [el.t('town'), `${en ? 'Index' : '指数'} ${event.kind === 'rain' ? 'mm' : 'm/s'}`, P('level'), P('ratio'), P('paid')],
          rows: (summary?.event?.districts || []).map((d) => [en ? d.name_en : d.name_zh, d.index ?? '—', d.level ?? '—',
            `${(Number(d.ratio) * 100).toFixed(0)}%`, k(d.payout)]),
        }],
        notes: [P('illustrative')],
        source: L.attribution,
        schematic: L.schematic,
        csv: () => r.csv(),
      };
    },
    get summary() { return summary; },
    get policy() { return policy; },
    edit,
  };
});
