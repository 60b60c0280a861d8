// Export safety of the sheet writer (www/sheet.js), in Node: spreadsheet formulas neutralised,
// CR/LF quoted, SVG text free of control characters and markup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell, xmlText } from '../../www/sheet.js';

test('CSV cells: formulas neutralised, numbers kept, quotes and line breaks quoted', () => {
  assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
  assert.equal(csvCell('+cmd'), "'+cmd");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell('-2+3'), "'-2+3");
  assert.equal(csvCell('\tx'), "'\tx");
  assert.equal(csvCell('\rx'), `"'\rx"`);
  assert.equal(csvCell('-3'), '-3');
  assert.equal(csvCell('+1.5e3'), '+1.5e3');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('a\nb'), '"a\nb"');
  assert.equal(csvCell('石岐街道'), '石岐街道');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(42), '42');
});

test('SVG text: control characters dropped, markup escaped', () => {
  assert.equal(xmlText('a\u0000b\u001fc\u007f'), 'abc');
  assert.equal(xmlText('<script>&"'), '&lt;script&gt;&amp;&quot;');
  assert.equal(xmlText('tab\tand\nnewline'), 'tab\tand\nnewline');
  assert.equal(xmlText(undefined), '');
});
