// 赔付模拟 view: the catastrophe-index policy on the current typhoon scenario — towns
// coloured by payout, a bar chart by town, totals and caps, one explanation line per town,
// an editable policy that recomputes at once, CSV export.
import { viewRegistry } from '../zs-risk-map.js';
import { formatCny } from '../i18n.js';
import { fitCanvas, h, VIEW_STYLE } from './common.js';
import { getScenario } from './typhoon.js';

viewRegistry.set('payout', async (el, section) => {
  const wasm = el.wasm;
  const P = (k) => el.t('payout.' + k);
  const canvas = h('canvas', { role: 'img' });
  const tip = h('div', { class: 'tooltip', hidden: true });
  const stage = h('div', { class: 'stage' }, canvas, tip);
  const chartCanvas = h('canvas', { role: 'img', class: 'bars' });
  const chart = h('div', { class: 'chart' }, chartCanvas);
  const left = h('div', { class: 'left' }, stage, chart);
  const aside = h('aside', { class: 'panel' });
  section.append(h('style', { text: VIEW_STYLE }), h('div', { class: 'scen' }, left, aside));
  const map = new wasm.RiskMap(canvas);
  map.setFrame(true, 0); // title and payout legend drawn into the map

  const defaultPolicy = JSON.parse(wasm.defaultPolicyJson());
  let policy = structuredClone(defaultPolicy);
  let run = null; // last good PayoutRun
  let summary = null;

  // ---- editor ----
  const siInput = h('input', { type: 'number', min: '1', step: '100', class: 'si' });
  const allocSel = h('select', { class: 'alloc' });
  const tierBody = h('tbody');
  const csvBtn = h('button', { type: 'button', class: 'csv' });
  const resetBtn = h('button', { type: 'button', class: 'reset' });
  const totals = h('dl', { class: 'kv totals' });
  const big = h('div', { class: 'big paid' });
  const scen = h('div', { class: 'state scenario' });
  const badge = h('div', { class: 'note status' });
  const timeline = h('ul', { class: 'timeline' });
  const explain = h('ol', { class: 'explain' });

  function build() {
    aside.innerHTML = '';
    allocSel.innerHTML = '';
    allocSel.append(h('option', { value: 'population', text: P('byPop') }), h('option', { value: 'equal', text: P('equal') }));
    aside.append(scen, big, badge,
      h('fieldset', {}, h('legend', { text: P('title') }), totals),
      h('fieldset', {}, h('legend', { text: P('editor') }),
        h('label', { class: 'row' }, h('span', { text: P('siWan') }), siInput, h('span')),
        h('label', { class: 'row' }, h('span', { text: P('allocation') }), allocSel, h('span')),
        h('div', { text: P('tiers') }),
        h('table', { class: 'tiers' }, h('thead', {}, h('tr', {}, h('th', { text: P('level') }), h('th', { text: P('ratio') }))), tierBody),
        resetBtn),
      h('fieldset', {}, h('legend', { text: P('timeline') }), timeline),
      csvBtn,
      h('h4', { text: P('explain') }), explain);
    csvBtn.textContent = P('csv');
    resetBtn.textContent = P('resetPolicy');
    fillEditor();
  }

  function fillEditor() {
    siInput.value = String(Number(policy.sum_insured) / 1e4);
    allocSel.value = policy.allocation?.kind === 'equal' ? 'equal' : 'population';
    tierBody.innerHTML = '';
    (policy.perils.typhoon?.tiers || []).forEach((t, i) => {
      const inp = h('input', { type: 'number', min: '0', max: '100', step: '1', value: String(+(Number(t.ratio) * 100).toFixed(4)), 'data-row': String(i) });
      inp.addEventListener('input', () => edit((p) => { p.perils.typhoon.tiers[i].ratio = String(Number(inp.value) / 100); }));
      tierBody.append(h('tr', {}, h('td', { text: el.lang === 'en' ? `force ${t.level}${i === policy.perils.typhoon.tiers.length - 1 ? '+' : ''}` : `${t.level}级${i === policy.perils.typhoon.tiers.length - 1 ? '及以上' : ''}` }), h('td', {}, inp)));
    });
  }

  siInput.addEventListener('input', () => edit((p) => {
    const yuan = Math.round(Number(siInput.value) * 1e4);
    p.sum_insured = String(yuan);
    // Keep the caps equal to the sum insured, as the example terms have them.
    p.per_event_cap = String(yuan);
    p.annual_aggregate = String(yuan);
  }));
  allocSel.addEventListener('change', () => edit((p) => { p.allocation = { kind: allocSel.value }; }));
  resetBtn.addEventListener('click', () => { policy = structuredClone(defaultPolicy); fillEditor(); compute(); });
  csvBtn.addEventListener('click', () => run && el._download(new Blob([run.csv()], { type: 'text/csv;charset=utf-8' }), 'payout.csv'));

  /** Applies an edit to a copy of the policy; keeps the last good policy when it fails. */
  function edit(fn) {
    const next = structuredClone(policy);
    fn(next);
    if (compute(next)) policy = next;
  }

  function compute(next = policy) {
    let r;
    try {
      r = el._guard(() => getScenario(el).payout(JSON.stringify(next)));
    } catch (_) { return false; }
    try { run?.free(); } catch (_) { /* poisoned */ }
    run = r;
    summary = run.summary();
    draw();
    el.dispatchEvent(new CustomEvent('simulated', { detail: { view: 'payout', paid: summary.event.paid, scenario: summary.scenario } }));
    return true;
  }

  function draw() {
    if (!run) return;
    const en = el.lang === 'en';
    const s = summary;
    const dpr = fitCanvas(canvas);
    try {
      map.setLang(el.lang);
      map.showPayout(run);
      map.render(dpr);
      const cd = fitCanvas(chartCanvas);
      run.drawBars(chartCanvas, cd, el.lang);
    } catch (e) { el._showError(e); return; }
    scen.textContent = `${P('scenario')}: ${getScenario(el).name(el.lang)} · ${getScenario(el).options().model}`;
    big.textContent = `${P('paid')} ${formatCny(s.event.paid, el.lang)}`;
    badge.textContent = `${en ? s.label_en : s.label} — ${P('illustrative')}`;
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

  canvas.addEventListener('pointermove', (e) => {
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
  });
  canvas.addEventListener('pointerleave', () => { tip.hidden = true; });
  const ro = new ResizeObserver(() => { if (!section.hidden) draw(); });

  build();
  map.copyDistrictsFrom(el.map);
  compute();
  ro.observe(stage);

  return {
    activate() { map.copyDistrictsFrom(el.map); compute(); },
    setLang() { build(); draw(); },
    destroy() { ro.disconnect(); try { run?.free(); map.free(); } catch (_) { /* poisoned */ } },
    get summary() { return summary; },
    get policy() { return policy; },
    edit,
  };
});
