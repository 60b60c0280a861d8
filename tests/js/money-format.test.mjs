// Money formatting (金额格式): formatCny / formatCnySigned in www/i18n.js follow the shared
// vectors that tests/money_format.rs checks against src/money.rs — one rule in Rust and JS.
// Run: node --test tests/js/
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { formatCny, formatCnySigned } from '../../www/i18n.js';

const { cases } = JSON.parse(readFileSync(new URL('../data/money_format_cases.json', import.meta.url), 'utf8'));

test('formatCny follows the shared vectors', () => {
  assert.ok(cases.length >= 20);
  for (const c of cases) {
    assert.equal(formatCny(c.amount, 'zh-CN'), c.zh, `zh ${c.amount}`);
    assert.equal(formatCny(c.amount, 'en'), c.en, `en ${c.amount}`);
    assert.equal(formatCnySigned(c.amount, 'zh-CN'), c.zh_signed, `zh signed ${c.amount}`);
    assert.equal(formatCnySigned(c.amount, 'en-US'), c.en_signed, `en signed ${c.amount}`);
    assert.equal(formatCny(c.amount, 'zh-CN', false, true), c.zh_exact, `zh exact ${c.amount}`);
    assert.equal(formatCny(c.amount, 'zh-CN', true, true), c.zh_exact_signed, `zh exact signed ${c.amount}`);
  }
});

test('numbers format like their decimal strings', () => {
  for (const [n, zh] of [[9999.99, '9,999.99元'], [-34200, '-3.42万元'], [149995000, '1.4999亿元'], [0.1, '0.10元'], [1e-7, '0.00元'], [1e21, '10,000,000,000,000亿元']]) {
    assert.equal(formatCny(n, 'zh-CN'), zh, String(n));
  }
  assert.equal(formatCny(Number.NaN, 'zh-CN'), 'NaN');
  assert.equal(formatCny('abc', 'en'), 'abc');
});
