// UI strings of the engine views (台风情景, 赔付模拟, 保费测算, 风险定价), zh-CN first, English
// second. Split from i18n.js so the map view downloads only its own strings: the element loads
// this module with the engines when a view tab opens (README "Size budget"). Merged into the
// one STRINGS table, so `t(lang, 'typhoon.…')` works as before once it has loaded.
import { STRINGS, formatCny, langKey } from './i18n.js';

Object.assign(STRINGS['zh-CN'], {
    typhoon: {
      storm: '台风', model: '风场模型', land: '陆地折减 ×0.8（非 CLIMADA 默认）', heat: '风场热力图', colourBy: '镇街着色',
      byPeak: '峰值风速', byNow: '当前风速', whatIf: '假设情景', shiftE: '向东平移 km', shiftN: '向北平移 km',
      rotate: '转向 °', dp: '气压差 Δp hPa', rmw: '最大风速半径 ×', speed: '移速 ×', reset: '复位',
      custom: '自定义路径（JSON）', loadCustom: '载入路径', play: '▶ 播放', pause: '⏸ 暂停', time: '时间（北京时）',
      peak: '峰值', now: '当前', town: '镇街', wind1: '1分钟风速', wind2: '2分钟', level: '风力等级', gust: '阵风',
      when: '出现时间（北京时）', signal: '推断预警', centre: '中心', pressure: '中心气压', grade: '强度',
      radii: '风圈半径 7/10/12级', rmwNow: '最大风速半径',
      cite: '路径：中国气象局热带气旋资料中心最佳路径（CMA best track）。',
      modelNote: '风场：Holland 参数化风场（CLIMADA 6.1.0 算法），1 分钟持续风速、开阔地表；等级按 2 分钟平均（×0.871）。',
      signalNote: '预警信号为依据广东省标准由模拟风速推断（模拟推断），非气象台发布。',
    },
    payout: {
      title: '巨灾指数保险赔付模拟', scenario: '情景', paid: '本次赔付', raw: '原始赔款', cutDed: '免赔额扣减',
      cutCap: '每次事故限额扣减', cutAgg: '年度累计限额扣减', si: '保险金额', premium: '保费', rol: '费率（保费/保额）',
      status: '条款性质', editor: '保单参数（可编辑）', siWan: '保险金额（万元）', allocation: '分配方式',
      byPop: '按常住人口', equal: '平均分配', tiers: '台风赔付档次', level: '风力等级', ratio: '赔付比例 %',
      csv: '导出赔付表 CSV', resetPolicy: '恢复示例条款', timeline: '赔付时间表', explain: '逐镇街说明',
      illustrative: '中山条款未公开；规模参照湛江 2025（保额 1.4 亿元、保费 1,070 万元），非中山合同。赔付档次为示意。',
      prepay: '预赔', final: '结算', byTable: '自定义权重表', weightPct: '权重 %', normalise: '归一化（合计 100%）',
      season: '本年度事件（按年度累计限额依次赔付）', seasonAdd: '把当前事件加入本年度', seasonClear: '清空', seasonEmpty: '尚未加入事件。', seasonEvent: '事件', seasonTotal: '本年度合计赔付', seasonLeft: '年度累计限额剩余',
      event: '事件', kindTyphoon: '台风（当前台风情景）', kindRain: '暴雨（全市统一雨量）', rainMm: '雨量 mm',
    },

    premium: {
      title: '安责险保费测算', ruleSet: '费率规则', combine: '组合方式', additive: '加法（基准加减）', multiplicative: '乘法（系数连乘）',
      uploadRules: '上传费率规则 JSON', enterprise: '投保单位', name: '单位名称', town: '镇街', sector: '行业',
      headcount: '从业人员（人）', limitWan: '每人死亡伤残限额（万元）', quoteYear: '保单年度', accidents: '事故记录（统计期内）',
      accYear: '事故年份', accGrade: '事故等级', accCount: '起数', gradeNone: '无事故', general: '一般事故', larger: '较大事故',
      major: '重大事故', especially_major: '特别重大事故', standard: '安全生产标准化', level1: '一级', level2: '二级', level3: '三级',
      none: '未达标', hdFound: '隐患排查发现（项）', hdRectified: '已整改（项）', hdMajor: '重大隐患未整改（项）',
      blacklisted: '列入安全生产失信名单（黑名单）', credit: '诚信等级', honours: '安全生产荣誉', honNone: '无', honCity: '市级', honProvince: '省级',
      prevention: '上年度接受事故预防服务', firstPolicy: '首次投保', insured: '已投保安责险', more: '其他字段（部分规则需要）',
      projectCostWan: '工程造价（万元）', payrollWan: '工资总额（万元）', riskClass: '风险类别', aggregateWan: '累计限额（万元）', claimsRatio: '支缴率',
      premium: '保费', base: '基准保费', factor: '浮动系数', factorRaw: '上下限前系数', steps: '逐步说明', step: '步骤', rule: '规则',
      condition: '条件', met: '满足', notMet: '不满足', applied: '生效', runFactor: '累计系数', amount: '累计金额', evidence: '依据',
      preventionLine: '事故预防服务费用', cap: '上限', floor: '下限', exact: '按比例', warnings: '提示', limits: '责任限额',
      whatIf: '假设情景（点选即重算）', wiNoAccident: '如果今年无事故（明年续保，旧事故顺延一年）', wiRectify: '如果重大隐患整改完毕',
      wiLevel1: '如果达到一级标准化', wiPrevention: '如果接受事故预防服务', delta: '较当前', current: '当前填报',
      compare: '两套规则对比', compareA: '规则 A', compareB: '规则 B', cannotQuote: '无法测算',
      batch: '批量测算（CSV）', upload: '上传企业 CSV', sample: '载入合成样例（2000 家，非真实数据）', quoted: '已测算', rowErrors: '错误行',
      insuredCount: '已投保', compulsoryCount: '强制投保行业', totalPremium: '保费合计', layerKind: '地图图层',
      coverage: '安责险覆盖率', meanFactor: '平均浮动系数', townPremium: '保费合计', line: '第 {n} 行', field: '字段',
      noErrors: '没有错误行', synthetic: '合成数据（非真实企业）',
      emergency: '应急救援人员团体意外险', emHeadcount: '人数', emTotal: '总保费（元）', emPerPerson: '人均保费（元）',
      emByTotal: '由总保费求人均', emByPerson: '由人均求总保费', emResult: '结果', emNote: '2020 年例：92 人、总保费 25,480 元 → 人均 276.96 元。',
      emRoundedTotal: '先按人均取整再乘人数',
      status: { verified: '已核实', secondary: '二手来源', illustrative: '示例' },
      illustrativeNote: '中山市浮动费率未公开：“中山（示例）”规则为占位示例，不是真实费率。',
    },

    pricing: {
      mUserSet: '事件集：用户提供的 {k} 个事件，按各自的年发生率（合计 {rate} 次/年）抽取；每个事件只计算一次 23 个镇街的风速。',
      eventSet: '自定义事件集（JSON）', eventSetLoad: '使用此事件集', eventSetClear: '改回合成事件集', eventSetHint: '事件：annual_rate（年发生率）加 track（路径）或 winds_ms（各镇街峰值风速）。', eventSetInUse: '正在使用自定义事件集：{n} 个事件，年发生率合计 {rate}',
      inputs: '模拟设置', years: '模拟年数 N', seed: '随机种子', lambda: '年均台风数 λ', size: '事件集规模 K',
      premium: '对比保费（元）', run: '运行', cancel: '取消', method: '方法说明',
      lambdaNote: '默认 λ = {lambda} 次/年 [I]（示意）：广东每年约 3.5–4 个热带气旋登陆，约四成登陆时达台风强度，沿约 800 km 海岸线约 1.5 个/年；事件集 ±{cross} km 的横向范围约覆盖 300 km 海岸 → 约 0.55 个/年。另一估计：五个历史台风 12 个台风季内在距石岐 47–114 km 处经过 → 约 0.54 个/年。计入较弱热带气旋约 1–1.5 个/年，但事件集只由台风强度路径构成，用较大值会高估强台风频率。λ 可自行设定。',
      mCatalogue: '事件集：{k} 个合成台风，扰动五个 CMA 历史路径（天鸽、山竹、韦森特、海高斯、苏拉）——横向平移 ±{cross} km、纵向 ±{along} km、转向 σ {rot}°、气压差 σ {dp} hPa、最大风速半径与移速按对数正态（σ {rmw} / {speed}）。每个事件只计算一次 23 个镇街的风速。[I]',
      mLambda: '年份模拟：每年台风数服从泊松分布（λ = {lambda}，见左侧说明），从事件集中按发生率抽取；赔付完全按赔付引擎（档次、每次事故限额、年度累计限额）。',
      mWind: '风场：{model}（CLIMADA 默认），{terrain}；赔付指数为 2 分钟平均风速（×0.871）。',
      openTerrain: '开阔地表（无陆地折减）', landReduced: '陆地折减 ×0.8',
      mLoadings: '技术保费 = 纯风险保费（期望赔付）+ 附加费用：广东（韶关）定价备忘录——安全费率 {safety}、经营费用 {operating}、风险资本 {capital}、增值税及附加 {tax}、保险保障基金 {fund}；组合方式为{how}（系数 ×{factor}，组合方式本身未公开 [U]）。',
      grossUp: '反推（费用为毛保费的比例）', additive: '相加（费用为纯保费的比例）',
      mDamage: '基差风险：模型损失 = 暴露 × Emanuel (2011) 损失函数（v_half = {vhalf} m/s，v_thresh = {vthresh} m/s，WP3 中国校准）；暴露为{exposure}；实质损失门槛 {material}。这是相对损失指数，不是中山的损失估计。',
      exposurePop: '常住人口 × 每人 {v} [I]', exposureSi: '按保险金额分配',
      mMarket: '市场保费不等于期望损失：实际保费还反映再保险成本、资本、竞争与政府补贴。',
      mTiers: '中山条款未公开：保单为示例条款（规模参照湛江 2025），赔付档次为示意。',
      empty: '设置参数后点击“运行”。默认 10,000 年、2,000 个事件。',
      rpTitle: '重现期表（年累计赔付 AEP 与年最大单次赔付 OEP）', premTitle: '技术保费构成与对比', basisTitle: '基差风险：指数赔付 vs 模型损失', mapTitle: '各镇街期望年赔付',
      basisNote: '模型损失 ≥ {material} 计为“有实质损失”；总暴露 {exposure}。散点为事件集中每个事件（新保单年度、扣除免赔额与每次事故限额后）的赔付与模型损失。',
      progCatalogue: '1/2 生成事件集：{done} / {total} 个事件', progYears: '2/2 模拟年份：{done} / {total} 年',
      done: '完成：{n} 年，用时 {ms} 毫秒', failed: '未运行：输入有误', cancelled: '已取消 ·',
      expected: '期望年赔付', se: '标准误', pAny: '年赔付概率', runInfo: 'N = {n} 年 · 种子 {seed} · λ = {lambda} · K = {k} · 平均每年 {mean} 个台风',
      rp: '重现期', prob: '超越概率', aep: '年累计赔付 AEP', oep: '单次事件赔付 OEP', yr: '年', tooFew: '—（模拟年数不足）',
      attach: '起赔重现期', exhaust: '限额耗尽重现期', never: '> {n} 年（模拟中未出现）', exhaustedYears: '{n} 年耗尽',
      si: '保险金额', aggregate: '年度累计限额', meanLoss: '期望年模型损失',
      item: '项目', rate: '费率', base: '计费基础', amount: '金额', ofGross: '占毛保费', ofPure: '占纯保费',
      gross: '技术保费（毛保费）', rol: '技术费率（保费/保额）', rounding: '舍入差', entered: '对比保费', ratio: '对比保费 ÷ 技术保费',
      difference: '对比保费 − 技术保费', multiple: '对比保费 ÷ 期望赔付', enteredRol: '对比保费费率', noPremium: '未提供',
      perEvent: '按事件', perYear: '按年', items: '计数总数', payWithoutLoss: '指数赔付但无实质损失', lossUnpaid: '有实质损失但未赔付',
      both: '有损失、有赔付', payWithoutLossAmt: '无损失时的赔付合计', unpaidLossAmt: '未获赔的模型损失合计', corr: '赔付与损失相关系数',
    },
});
Object.assign(STRINGS.en, {
    typhoon: {
      storm: 'Storm', model: 'Wind model', land: 'Land reduction ×0.8 (not CLIMADA default)', heat: 'Wind heat map', colourBy: 'Colour towns by',
      byPeak: 'peak wind', byNow: 'current wind', whatIf: 'What if', shiftE: 'Shift east km', shiftN: 'Shift north km',
      rotate: 'Rotate °', dp: 'Δp hPa', rmw: 'RMW ×', speed: 'Speed ×', reset: 'Reset',
      custom: 'Custom track (JSON)', loadCustom: 'Load track', play: '▶ Play', pause: '⏸ Pause', time: 'Time (Beijing)',
      peak: 'Peak', now: 'Now', town: 'Town', wind1: '1-min wind', wind2: '2-min', level: 'Force', gust: 'Gust',
      when: 'Time (Beijing)', signal: 'Implied signal', centre: 'Centre', pressure: 'Pressure', grade: 'Grade',
      radii: 'Radii force 7/10/12', rmwNow: 'Radius of max wind',
      cite: 'Track: CMA Tropical Cyclone Data Center best track.',
      modelNote: 'Wind: Holland parametric field (CLIMADA 6.1.0 algorithm), 1-min sustained, open terrain; levels use the 2-min mean (×0.871).',
      signalNote: 'Warning signals are implied from modelled winds under the Guangdong rules, not issued by the observatory.',
    },
    payout: {
      title: 'Catastrophe-index payout simulator', scenario: 'Scenario', paid: 'Paid this event', raw: 'Raw payout', cutDed: 'Cut by deductible',
      cutCap: 'Cut by per-event cap', cutAgg: 'Cut by annual aggregate', si: 'Sum insured', premium: 'Premium', rol: 'Rate on line',
      status: 'Terms', editor: 'Policy (editable)', siWan: 'Sum insured (10k yuan)', allocation: 'Allocation',
      byPop: 'by population', equal: 'equal', tiers: 'Typhoon tiers', level: 'Force level', ratio: 'Payout %',
      csv: 'Export payout CSV', resetPolicy: 'Reset to example', timeline: 'Payment timeline', explain: 'Per-town explanation',
      illustrative: 'Zhongshan\'s terms are not public; size anchored on Zhanjiang 2025 (SI 140m, premium 10.7m yuan), not a Zhongshan contract. Tiers are illustrative.',
      prepay: 'Prepayment', final: 'Settlement', byTable: 'custom table', weightPct: 'Weight %', normalise: 'Normalise to 100%',
      season: 'This year\'s events (paid in order under the annual aggregate)', seasonAdd: 'Add the current event to this year', seasonClear: 'Clear', seasonEmpty: 'No events added yet.', seasonEvent: 'Event', seasonTotal: 'Paid this year', seasonLeft: 'Annual aggregate left',
      event: 'Event', kindTyphoon: 'Typhoon (current scenario)', kindRain: 'Rainstorm (uniform rainfall)', rainMm: 'Rain mm',
    },

    premium: {
      title: 'Safety-liability premium explainer', ruleSet: 'Rule set', combine: 'Combination', additive: 'additive (on base)', multiplicative: 'multiplicative',
      uploadRules: 'Upload rule-set JSON', enterprise: 'Insured unit', name: 'Name', town: 'Town', sector: 'Sector',
      headcount: 'Employees', limitWan: 'Per-person limit (10k yuan)', quoteYear: 'Policy year', accidents: 'Accident record',
      accYear: 'Year', accGrade: 'Grade', accCount: 'Count', gradeNone: 'no accident', general: 'general', larger: 'larger',
      major: 'major', especially_major: 'especially major', standard: 'Safety standardisation', level1: 'level 1', level2: 'level 2', level3: 'level 3',
      none: 'not certified', hdFound: 'Hidden dangers found', hdRectified: 'Rectified', hdMajor: 'Major unrectified',
      blacklisted: 'On the safety blacklist', credit: 'Credit rating', honours: 'Safety honours', honNone: 'none', honCity: 'city', honProvince: 'province',
      prevention: 'Received prevention services last year', firstPolicy: 'First policy', insured: 'Holds the cover now', more: 'More fields (some rule sets)',
      projectCostWan: 'Project cost (10k yuan)', payrollWan: 'Payroll (10k yuan)', riskClass: 'Risk class', aggregateWan: 'Aggregate limit (10k yuan)', claimsRatio: 'Claims ratio',
      premium: 'Premium', base: 'Base premium', factor: 'Factor', factorRaw: 'Factor before band', steps: 'Step by step', step: 'Step', rule: 'Rule',
      condition: 'Condition', met: 'met', notMet: 'not met', applied: 'applied', runFactor: 'Running factor', amount: 'Running amount', evidence: 'Evidence',
      preventionLine: 'Accident-prevention services', cap: 'cap', floor: 'floor', exact: 'exact', warnings: 'Notes', limits: 'Limits',
      whatIf: 'What if (one click recomputes)', wiNoAccident: 'If no accident this year (renewal next year)', wiRectify: 'If the major hidden dangers are rectified',
      wiLevel1: 'If it reaches standardisation level 1', wiPrevention: 'If it receives prevention services', delta: 'vs current', current: 'As entered',
      compare: 'Two rule sets side by side', compareA: 'Rule set A', compareB: 'Rule set B', cannotQuote: 'Cannot quote',
      batch: 'Batch (CSV)', upload: 'Upload enterprise CSV', sample: 'Load the synthetic sample (2,000, not real)', quoted: 'Quoted', rowErrors: 'Rows with errors',
      insuredCount: 'Insured', compulsoryCount: 'Compulsory sectors', totalPremium: 'Total premium', layerKind: 'Map layer',
      coverage: 'Coverage', meanFactor: 'Mean factor', townPremium: 'Total premium', line: 'line {n}', field: 'field',
      noErrors: 'No rows with errors', synthetic: 'Synthetic data (not real enterprises)',
      emergency: 'Group accident cover for emergency staff', emHeadcount: 'Persons', emTotal: 'Total premium (yuan)', emPerPerson: 'Per person (yuan)',
      emByTotal: 'Per person from total', emByPerson: 'Total from per person', emResult: 'Result', emNote: '2020 example: 92 persons, 25,480 yuan in total → 276.96 yuan per person.',
      emRoundedTotal: 'Per person rounded first, × persons',
      status: { verified: 'verified', secondary: 'secondary', illustrative: 'illustrative' },
      illustrativeNote: "Zhongshan's floating rates are not public: the 'Zhongshan (illustrative)' set is a placeholder, not the real tariff.",
    },

    pricing: {
      mUserSet: 'Event set: {k} user-supplied events drawn at their own annual rates (total {rate} per year); each event\'s town winds are computed once.',
      eventSet: 'Custom event set (JSON)', eventSetLoad: 'Use this event set', eventSetClear: 'Back to the synthetic catalogue', eventSetHint: 'Events: annual_rate plus a track or winds_ms (peak wind per town).', eventSetInUse: 'Using the custom event set: {n} events, total annual rate {rate}',
      inputs: 'Simulation settings', years: 'Years N', seed: 'Seed', lambda: 'Storms per year λ', size: 'Catalogue size K',
      premium: 'Premium to compare (yuan)', run: 'Run', cancel: 'Cancel', method: 'Method',
      lambdaNote: 'Default λ = {lambda} a year [I] (illustrative): Guangdong gets about 3.5–4 tropical-cyclone landfalls a year, about 40 % of typhoon strength, ~1.5 a year along ~800 km of coast; the catalogue\'s ±{cross} km swath covers ~300 km → ~0.55 a year. Check: the five library storms passed 47–114 km from Shiqi in 12 seasons → ~0.54 a year. Counting weaker storms gives 1–1.5 a year, but the catalogue is built from typhoon-strength tracks, so that would overstate intense storms. λ is yours to set.',
      mCatalogue: 'Catalogue: {k} synthetic typhoons perturbing the five CMA tracks (Hato, Mangkhut, Vicente, Higos, Saola) — cross-track shift ±{cross} km, along-track ±{along} km, heading σ {rot}°, Δp σ {dp} hPa, RMW and speed log-normal (σ {rmw} / {speed}). Each event\'s 23 town winds are computed once. [I]',
      mLambda: 'Years: a Poisson number of storms a year (λ = {lambda}, see the note at left), drawn from the catalogue by rate; payouts exactly as the payout engine (tiers, per-event cap, annual aggregate).',
      mWind: 'Wind: {model} (CLIMADA default), {terrain}; the payout index is the 2-min mean (×0.871).',
      openTerrain: 'open terrain (no land reduction)', landReduced: 'land-reduced ×0.8',
      mLoadings: 'Technical premium = pure premium (expected payout) + loadings of the Guangdong (Shaoguan) pricing memo — safety {safety}, operating cost {operating}, risk capital {capital}, VAT and surcharges {tax}, protection fund {fund}; combined by {how} (factor ×{factor}; how the memo combines them is unknown [U]).',
      grossUp: 'gross-up (expenses as shares of the gross premium)', additive: 'addition (shares of the pure premium)',
      mDamage: 'Basis risk: modelled loss = exposure × Emanuel (2011) damage function (v_half = {vhalf} m/s, v_thresh = {vthresh} m/s, WP3 China calibration); exposure: {exposure}; material-loss threshold {material}. A relative damage index, not a loss estimate for Zhongshan.',
      exposurePop: 'residents × {v} each [I]', exposureSi: 'the sum insured as allocated',
      mMarket: 'A market premium is not the expected loss: it also carries reinsurance cost, capital, competition and subsidies.',
      mTiers: "Zhongshan's terms are not public: the policy is the illustrative example (sized on Zhanjiang 2025); tiers are illustrative.",
      empty: 'Set the inputs and press Run. Default: 10,000 years, 2,000 events.',
      rpTitle: 'Return periods (annual aggregate AEP and largest event OEP)', premTitle: 'Technical premium and comparison', basisTitle: 'Basis risk: index payout vs modelled loss', mapTitle: 'Expected annual payout by town',
      basisNote: 'A modelled loss ≥ {material} counts as material; total exposure {exposure}. The scatter shows every catalogue event\'s payout (fresh year, after deductible and per-event cap) against its modelled loss.',
      progCatalogue: '1/2 building the catalogue: {done} / {total} events', progYears: '2/2 simulating: {done} / {total} years',
      done: 'Done: {n} years in {ms} ms', failed: 'Not run: bad input', cancelled: 'Cancelled ·',
      expected: 'Expected annual payout', se: 'standard error', pAny: 'P(any payout in a year)', runInfo: 'N = {n} years · seed {seed} · λ = {lambda} · K = {k} · {mean} storms a year on average',
      rp: 'Return period', prob: 'Exceedance prob.', aep: 'Annual aggregate AEP', oep: 'Largest event OEP', yr: 'yr', tooFew: '— (too few years)',
      attach: 'Attachment return period', exhaust: 'Exhaustion return period', never: '> {n} years (not reached)', exhaustedYears: '{n} years exhausted',
      si: 'Sum insured', aggregate: 'Annual aggregate', meanLoss: 'Expected annual modelled loss',
      item: 'Item', rate: 'Rate', base: 'Applied to', amount: 'Amount', ofGross: 'gross premium', ofPure: 'pure premium',
      gross: 'Technical (gross) premium', rol: 'Technical rate on line', rounding: 'Rounding difference', entered: 'Premium compared', ratio: 'Compared ÷ technical',
      difference: 'Compared − technical', multiple: 'Compared ÷ expected payout', enteredRol: 'Compared rate on line', noPremium: 'none given',
      perEvent: 'per event', perYear: 'per year', items: 'Counted', payWithoutLoss: 'Index pays without loss', lossUnpaid: 'Loss goes unpaid',
      both: 'Loss and payout', payWithoutLossAmt: 'Paid without loss, total', unpaidLossAmt: 'Unpaid modelled loss, total', corr: 'Payout–loss correlation',
    },
});

// ---- premium view (保费测算): field-named errors, CSV encodings, template and per-row results
// (issue 9). Labels here match the engine's field labels (src/premium/enterprise.rs `ranges`).
Object.assign(STRINGS['zh-CN'].premium, {
  accCount: '事故起数', accYear: '事故年份', accGrade: '事故等级', hdRectified: '已整改隐患（项）', hdMajor: '重大隐患未整改（项）',
  template: '下载 CSV 模板（中文表头）', rowsDownload: '下载逐行结果 CSV', csvUpload: '上传企业 CSV（UTF-8 或 GBK）',
  encodingUtf8: '已按 UTF-8 读取文件“{name}”。', encodingGb: '文件“{name}”不是 UTF-8，已按 GB18030/GBK（中文 Windows 版 Excel 的默认编码）读取。',
  tooBig: 'CSV 文件 {mb} MB，超过上限 {max} MB；请分批上传。', rowError: '第 {n} 行', column: '列', change: '浮动',
});
Object.assign(STRINGS.en.premium, {
  accCount: 'Accident count', accYear: 'Accident year', accGrade: 'Accident grade', hdRectified: 'Hidden dangers rectified', hdMajor: 'Major hidden dangers unrectified',
  template: 'Download the CSV template', rowsDownload: 'Download per-row results (CSV)', csvUpload: 'Upload enterprise CSV (UTF-8 or GBK)',
  encodingUtf8: 'Read "{name}" as UTF-8.', encodingGb: '"{name}" is not UTF-8; read it as GB18030/GBK (the default of Excel on Chinese Windows).',
  tooBig: 'The CSV is {mb} MB, over the limit of {max} MB; upload it in parts.', rowError: 'line {n}', column: 'column', change: 'change',
});

// ---- 风险定价 / 赔付模拟 (pricing & payout views, issue 9 and 13 item 8): standard errors with
// the catalogue's sampling, exceedance counts, OEP before the aggregate, field errors. ----
Object.assign(STRINGS['zh-CN'].pricing, {
  empty: '设置参数后点击“运行”。默认 10,000 年、4,000 个事件（分层抽样）。',
  oep: '年最大单次赔付 OEP（累计限额前）',
  rpTitle: '重现期（年累计赔付 AEP；年最大单次赔付 OEP，年度累计限额前）',
  seParts: '标准误构成', seYears: '年份抽样', seCatalogue: '事件集抽样', seGiven: '用户事件集为给定，不计抽样误差',
  relSe: '相对标准误', relSeNote: '换随机种子时期望年赔付的预期离散', exceedances: '超越次数',
  fewExceedances: '仅 {n} 次超越', rpWithCount: '{rp}，{n} 次超越', rpFew: '{rp}，仅 {n} 次超越',
  method2: '期望年赔付 = 事件集上的精确期望（λ × 各事件赔付的加权平均，年度累计限额前）− 模拟年份中年度累计限额的平均削减；标准误合并年份抽样与事件集抽样（分层抽样的组间方差）。',
  csv: '导出定价结果 CSV', fieldError: '请修改标出的输入项',
});
Object.assign(STRINGS.en.pricing, {
  empty: 'Set the inputs and press Run. Default: 10,000 years, 4,000 events (stratified).',
  oep: 'Largest event OEP (before the aggregate)',
  rpTitle: 'Return periods (annual aggregate AEP; largest single event OEP, before the annual aggregate)',
  seParts: 'Standard error parts', seYears: 'year sampling', seCatalogue: 'catalogue sampling', seGiven: 'a user event set is given: no sampling error',
  relSe: 'Relative standard error', relSeNote: 'the expected seed-to-seed spread of the expected annual payout', exceedances: 'Exceedances',
  fewExceedances: 'only {n} exceedances', rpWithCount: '{rp}, {n} exceedances', rpFew: '{rp}, only {n} exceedances',
  method2: 'Expected annual payout = the exact expectation over the catalogue (λ × the rate-weighted mean event payout, before the annual aggregate) − the mean amount the annual aggregate cut in the simulated years; its standard error combines year sampling and catalogue sampling (stratified, between-pair variance).',
  csv: 'Export pricing CSV', fieldError: 'Correct the marked input',
});
Object.assign(STRINGS['zh-CN'].payout, { fieldError: '请修改标出的输入项' });
Object.assign(STRINGS.en.payout, { fieldError: 'Correct the marked input' });
// Surface winds (issue 13, hazard/winds area): labels that name the wind variable shown.
Object.assign(STRINGS['zh-CN'].typhoon, {
  dp: '气压差 Δp hPa（正值：中心气压升高，台风减弱）',
  exposure: '暴露',
  modelWind: 'CLIMADA 1分钟风（开阔地面参考）',
  wind2s: '2分钟平均风 · 地表10米',
  gustS: '阵风 · 地表10米',
  windShown: '所示风速',
  rmwSource: '最大风速半径来源',
  heatNote: '热力图：开阔地暴露的2分钟平均风。',
  land: '开阔地面参考（CLIMADA 1分钟风，不做地表换算）',
  byPeak: '峰值2分钟平均风（地表·城镇暴露）',
  byNow: '当前2分钟平均风（地表·城镇暴露）',
  modelNote: '风场：Holland 参数化风场（CLIMADA 6.1.0 算法）；地表风按城镇暴露（海面/海岸/开阔地/郊区/城区）、WMO 平均时距与阵风系数换算，并以香港天文台站点实测校准；风力等级按2分钟平均风，阵风等级按阵风。',
});
Object.assign(STRINGS.en.typhoon, {
  dp: 'Δp hPa (positive: higher central pressure, weaker)',
  exposure: 'Exposure',
  modelWind: 'CLIMADA 1-min wind (open-terrain reference)',
  wind2s: '2-min mean · surface 10 m',
  gustS: 'Gust · surface 10 m',
  windShown: 'Wind shown',
  rmwSource: 'RMW source',
  heatNote: 'Heat map: 2-min mean wind at open exposure.',
  land: 'Open-terrain reference (CLIMADA 1-min wind, no surface conversion)',
  byPeak: 'Peak 2-min mean (surface, town exposure)',
  byNow: 'Current 2-min mean (surface, town exposure)',
  modelNote: 'Wind: Holland parametric field (CLIMADA 6.1.0 algorithm); surface winds by town exposure (sea/coast/open/suburban/urban) with WMO averaging periods and gust factors, calibrated on Hong Kong Observatory stations; levels use the 2-min mean, gust levels the gust.',
});
Object.assign(STRINGS['zh-CN'].payout ?? {}, { indexWind: '指数风速' });
Object.assign(STRINGS.en.payout ?? {}, { indexWind: 'Index wind' });

// Portal strings only the engine views use (alt texts, sheet titles, form labels): moved here
// from i18n.js's portal block so the map view does not download them.
Object.assign(STRINGS['zh-CN'].portal, {
  altTyphoonMap: '台风情景地图：镇街按风速着色并显示台风路径，数值见下方各镇街峰值风速表', altPayoutMap: '赔付地图：镇街按赔付金额着色，数值见右侧“逐镇街说明”与赔付表 CSV', altPayoutBars: '各镇街赔付柱状图，数值见右侧“逐镇街说明”',
  altWaterfall: '保费瀑布图：从基准保费逐步调整到最终保费，数值见下方“逐步说明”表', altPremiumMap: '批量测算镇街地图，各镇街数值见下方“各镇街数值表”', altEp: '超越概率曲线（AEP/OEP），数值见下方重现期表',
  altScatter: '赔付与模型损失散点图，数值见下方基差风险统计', altPricingMap: '镇街期望年赔付地图，数值见下方“各镇街数值表”', timeStep: '时间步', customTrack: '自定义路径 JSON',
  eventSetJson: '自定义事件集 JSON', tierRatio: '{level} 赔付比例 %', weightOf: '{town} 权重 %', compareA: '对比规则 A', compareB: '对比规则 B', premiumLayer: '地图图层',
  emMode: '计算方式', emHead: '人数', emAmount: '金额（元）', rainWindow: '降雨时段', sheetTyphoon: '台风情景', sheetPayout: '巨灾指数保险赔付', sheetQuote: '安责险报价单',
  sheetPricing: '风险定价', peaksTable: '各镇街峰值风速', payoutTable: '各镇街赔付', stepsTable: '保费逐步计算', rpTable: '重现期表', premTable: '技术保费构成',
  ruleSetLine: '费率规则：{name}（{status}）', quoteDate: '报价日期', notRun: '尚未运行模拟：以下为当前设置。', townValues: '各镇街数值表', townCount: '企业数',
});
Object.assign(STRINGS.en.portal, {
  altTyphoonMap: 'Typhoon scenario map: towns coloured by wind with the storm track; numbers in the peak-wind table below',
  altPayoutMap: 'Payout map: towns coloured by payout; numbers in the per-town explanation and the payout CSV',
  altPayoutBars: 'Bar chart of payout by town; numbers in the per-town explanation',
  altWaterfall: 'Premium waterfall from the base premium to the final premium; numbers in the step table below',
  altPremiumMap: 'Town map of the batch; numbers in the “Values by town” table below',
  altEp: 'Exceedance-probability curves (AEP/OEP); numbers in the return-period table below',
  altScatter: 'Scatter of payout against modelled loss; numbers in the basis-risk counts below',
  altPricingMap: 'Town map of the expected annual payout; numbers in the “Values by town” table below', timeStep: 'Time step',
  customTrack: 'Custom track JSON', eventSetJson: 'Custom event set JSON', tierRatio: '{level} payout ratio %', weightOf: '{town} weight %',
  compareA: 'Compare rule set A', compareB: 'Compare rule set B', premiumLayer: 'Map layer', emMode: 'Calculate', emHead: 'Headcount',
  emAmount: 'Amount (yuan)', rainWindow: 'Rain window', sheetTyphoon: 'Typhoon scenario', sheetPayout: 'Catastrophe-index payout',
  sheetQuote: 'Safety-liability quote sheet', sheetPricing: 'Risk pricing', peaksTable: 'Peak wind by town', payoutTable: 'Payout by town',
  stepsTable: 'Premium step by step', rpTable: 'Return periods', premTable: 'Technical premium', ruleSetLine: 'Rule set: {name} ({status})',
  quoteDate: 'Quote date', notRun: 'No simulation run yet: the current settings.', townValues: 'Values by town', townCount: 'Enterprises',
});

// ---- 台风简报 / council briefing (issue 11 UI: regional map, presentation, shareable state,
// 简报, forecast mode; docs/briefing.md §7). ----
Object.assign(STRINGS['zh-CN'].briefing, {
  tabForecast: '预报模式', title: '简报与演示', mapKind: '地图范围', city: '城市', region: '区域',
  present: '演示模式', exitPresent: '退出演示', highContrast: '高对比度配色',
  printBrief: '打印简报', briefPng: '简报 PNG', briefSvg: '简报 SVG',
  keysHint: '演示时：← → 逐时，空格 播放/暂停；区域图：滚轮或双指缩放，拖动平移，+ / − / 0 键。',
  rulesTitle: '推断预警信号的规则（广东省标准）',
  rulesNote: '平均风力为镇街 2 分钟平均风速的风力等级（GB/T 28591），阵风为阵风等级；模拟推断，非气象台发布。',
  wi: { shift_east_km: '东移', shift_north_km: '北移', rotate_deg: '转向', dp_hpa: '气压差', rmw_factor: '最大风速半径', speed_factor: '移速' },
  wiNone: '无（原始路径）', whatIf: '假设情景', paidFor: '赔付所用情景', paidTotal: '赔付合计（免赔与限额后）',
  sumInsured: '保险金额', cutCap: '单次限额扣减', storm: '台风 · 模型', now: '当前',
  sheetTitle: '台风简报', sources: 'CMA 最佳路径；风场 CLIMADA Holland；海岸线 Natural Earth（公有领域）；',
  assumptions: '假设：镇街风速为 10 米高度 2 分钟平均风速（按镇街地表类别折算）；预警信号按广东省标准由模拟风速推断；赔付按示例保单，金额为元，已扣免赔额与限额。',
  // forecast mode
  fcTitle: '预报报文', fcHelp: '输入台风预报（JSON：name_zh, issued, points[lead_h, lat, lon, wind_ms（2 分钟平均）, pressure_hpa?, radii_km?]）。',
  fcExample: '载入示例报文', fcMembers: '集合成员数', fcSeed: '随机种子', fcRun: '运行集合预报', fcCancel: '取消',
  fcProgress: '已完成 {done} / {total} 个成员', fcCancelled: '已取消', fcDone: '{n} 个成员，用时 {ms} 毫秒',
  fcTown: '镇街', fcP8: 'P(≥8级)', fcP10: 'P(≥10级)', fcP12: 'P(≥12级)',
  fcWind50: '2 分钟风速中位数 m/s', fcWind90: '2 分钟风速 90% m/s',
  fcSigTitle: '各镇街推断预警概率 P(信号 ≥ 该颜色)', fcLevelTitle: '各镇街达到风力等级的概率',
  fcWindNote: '风速：镇街 10 米高度 2 分钟平均风速（按地表类别折算，GB/T 28591 等级），每个集合成员取整个过程的峰值。',
  fcPayTitle: '指数保险赔付分布（示例保单，免赔与限额后）', fcPAny: '发生赔付的概率', fcMean: '期望赔付',
  fcP10v: '10% 分位', fcP50v: '中位数', fcP90v: '90% 分位', fcMin: '最小', fcMax: '最大',
  fcHistTitle: '赔付直方图（成员数）', fcHistZero: '不赔付', fcMapTitle: '预报路径、70% 不确定性锥与达到 10 级概率',
  fcCite: '误差模型：', fcNotRun: '输入报文后点击“运行集合预报”。',
  fcInset: '地图显示', fcIn_ge8: 'P(≥8级)', fcIn_ge10: 'P(≥10级)', fcIn_ge12: 'P(≥12级)', fcIn_blue: 'P(≥蓝色预警)',
  fcIn_yellow: 'P(≥黄色预警)', fcIn_orange: 'P(≥橙色预警)', fcIn_red: 'P(红色预警)',
  altRegional: '区域台风图：珠江口海岸线、台风完整路径、7/10/12 级风圈与中山镇街插图，数值见下方各镇街峰值风速表',
  altForecast: '预报图：预报路径、70% 不确定性锥与各镇街达到 10 级的概率，数值见下方概率表',
});
Object.assign(STRINGS.en.briefing, {
  tabForecast: 'Forecast', title: 'Briefing & presentation', mapKind: 'Map extent', city: 'City', region: 'Region',
  present: 'Present', exitPresent: 'Exit presentation', highContrast: 'High-contrast colours',
  printBrief: 'Print brief', briefPng: 'Brief PNG', briefSvg: 'Brief SVG',
  keysHint: 'Presenting: ← → step an hour, space plays/pauses; region map: wheel or pinch to zoom, drag to pan, + / − / 0 keys.',
  rulesTitle: 'How the implied warning signals are set (Guangdong rules)',
  rulesNote: 'Mean wind force is the level (GB/T 28591) of the town’s 2-min mean wind; gusts by the gust level. Implied from the model, not issued by the observatory.',
  wi: { shift_east_km: 'east', shift_north_km: 'north', rotate_deg: 'turn', dp_hpa: 'Δp', rmw_factor: 'RMW', speed_factor: 'speed' },
  wiNone: 'none (the observed track)', whatIf: 'What-if', paidFor: 'What-if paid', paidTotal: 'Paid in total (after deductible and caps)',
  sumInsured: 'Sum insured', cutCap: 'Cut by the per-event cap', storm: 'Storm · model', now: 'Now',
  sheetTitle: 'Typhoon brief', sources: 'CMA best track; CLIMADA Holland wind field; coastline Natural Earth (public domain); ',
  assumptions: 'Assumptions: town winds are the 2-min mean at 10 m for the town’s exposure class; signals are implied from modelled winds under the Guangdong rules; payouts under the example policy, in yuan, after deductible and caps.',
  fcTitle: 'Forecast bulletin', fcHelp: 'Enter a typhoon forecast (JSON: name_zh, issued, points[lead_h, lat, lon, wind_ms (2-min mean), pressure_hpa?, radii_km?]).',
  fcExample: 'Load the example bulletin', fcMembers: 'Ensemble members', fcSeed: 'Random seed', fcRun: 'Run the ensemble', fcCancel: 'Cancel',
  fcProgress: '{done} of {total} members done', fcCancelled: 'Cancelled', fcDone: '{n} members in {ms} ms',
  fcTown: 'Town', fcP8: 'P(≥ force 8)', fcP10: 'P(≥ force 10)', fcP12: 'P(≥ force 12)',
  fcWind50: '2-min wind median m/s', fcWind90: '2-min wind 90 % m/s',
  fcSigTitle: 'Implied warning signal by town: P(signal ≥ colour)', fcLevelTitle: 'Probability of reaching a wind-force level by town',
  fcWindNote: 'Wind: the town’s 2-min mean at 10 m for its exposure class (GB/T 28591 levels), each member’s peak over the storm.',
  fcPayTitle: 'Index-insurance payout distribution (example policy, after deductible and caps)', fcPAny: 'P(any payout)', fcMean: 'Expected payout',
  fcP10v: '10th percentile', fcP50v: 'Median', fcP90v: '90th percentile', fcMin: 'Minimum', fcMax: 'Maximum',
  fcHistTitle: 'Payout histogram (members)', fcHistZero: 'no payout', fcMapTitle: 'Forecast track, 70 % cone and P(≥ force 10)',
  fcCite: 'Error model: ', fcNotRun: 'Enter a bulletin and press “Run the ensemble”.',
  fcInset: 'Map shows', fcIn_ge8: 'P(≥ force 8)', fcIn_ge10: 'P(≥ force 10)', fcIn_ge12: 'P(≥ force 12)', fcIn_blue: 'P(≥ Blue signal)',
  fcIn_yellow: 'P(≥ Yellow signal)', fcIn_orange: 'P(≥ Orange signal)', fcIn_red: 'P(Red signal)',
  altRegional: 'Regional typhoon map: Pearl River estuary coast, the whole track, force-7/10/12 wind circles and a Zhongshan town inset; numbers in the peak-wind table below',
  altForecast: 'Forecast map: forecast track, 70 % cone and each town’s probability of force 10; numbers in the probability table below',
});
// ---- Money in the premium and pricing views (issue 10; present-engines): twins of formatCny
// kept with the engine views so the map bundle does not carry them.
/** The exact amount to the fen beside formatCny's short form (steps table, quote sheet):
 *  formatCny's own 元 form at any size — "24,225.00元" / "CNY 24,225.00". */
export const formatCnyExact = (amount, lang) => (langKey(lang) === 'en' ? formatCny(amount, lang)
  : new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(amount)) + '元');
/** A signed change: "+" or "−" and `fmt` (formatCny) of the absolute value, on the decimal
 *  string (src/present/premium.rs `signed_cny` is the Rust twin). */
export function formatSignedCny(amount, lang, fmt = formatCny) {
  const s = String(amount).trim();
  return (s.startsWith('-') && Number(s) !== 0 ? '−' : '+') + fmt(s.replace(/^[+-]/, ''), lang);
}
