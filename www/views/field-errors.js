// Field errors of the payout, pricing and premium forms (issue 9): a rejected value shows its
// message in the widget's language beside the form, naming the field as the form labels it (the
// wasm engine writes messageZh / messageEn that way), and marks the control with aria-invalid
// and the `field-invalid` class (styled by the widget's stylesheet; no inline styles). The
// message reads first; the stable code (INVALID_INPUT, OUT_OF_RANGE…) is for support and
// scripts: in `data-code` and a small muted `<code>` after the message, hidden from screen
// readers. The next accepted value clears the marks. The view keeps its last good result: it
// only replaces it on success.
import { h } from './view-kit.js';

/**
 * @param el the widget (for its language)
 * @param controlFor (fieldId) => the form control(s) to mark for an engine field id, or null
 * @returns {{ box: HTMLElement, show(e): void, clear(): void, relabel(): void, message(): string }}
 *   `relabel()` after a language switch: the message in the new language, the controls marked
 *   again (a rebuilt control gets the mark back).
 */
export function fieldErrors(el, controlFor) {
  const msg = h('span', { class: 'field-error-text' });
  const code = h('code', { class: 'field-error-code', 'aria-hidden': 'true' });
  const box = h('div', { class: 'field-error-msg', role: 'alert', hidden: true }, msg, ' ', code);
  let marked = [];
  let last = null;
  const text = (e) => (el.lang === 'en' ? (e.messageEn ?? e.message) : (e.messageZh ?? e.message));
  function clear() {
    for (const c of marked) { c.classList.remove('field-invalid'); c.removeAttribute('aria-invalid'); }
    marked = [];
    last = null;
    box.hidden = true;
    msg.textContent = '';
    code.textContent = '';
  }
  /** Marks the control(s) of `e.field` (looked up afresh: a view may have rebuilt them). */
  function mark(e) {
    for (const c of marked) { c.classList.remove('field-invalid'); c.removeAttribute('aria-invalid'); }
    const found = e.field ? controlFor(e.field) : null;
    marked = (Array.isArray(found) ? found : found ? [found] : []).filter(Boolean);
    for (const c of marked) { c.classList.add('field-invalid'); c.setAttribute('aria-invalid', 'true'); }
  }
  function show(e) {
    clear();
    if (!e || e instanceof WebAssembly.RuntimeError) return;
    last = e;
    mark(e);
    box.dataset.code = e.code ?? 'INVALID_INPUT';
    box.dataset.field = e.field ?? '';
    msg.textContent = text(e);
    code.textContent = box.dataset.code;
    box.hidden = false;
  }
  return {
    box,
    show,
    clear,
    /** Re-renders the message in the current language (after a language switch). */
    relabel() { if (last) { msg.textContent = text(last); mark(last); } },
    /** The message shown (without the code), '' when none. */
    message() { return box.hidden ? '' : msg.textContent; },
  };
}

/**
 * A coded field error raised by a view before the engine is called (an empty required field,
 * a select with no option chosen), in the shape the engine's errors have (`RiskMapError` with
 * `code`, `field`, `messageZh`, `messageEn`), so `show()` and the element's guard treat both alike.
 * `field` is the engine's field id for the same input (docs/robustness.md §1).
 */
export function fieldError(code, field, messageZh, messageEn) {
  return Object.assign(new Error(messageEn), { name: 'RiskMapError', code, field, messageZh, messageEn });
}

/**
 * The first problem of the form's own checks, or null: a required number field left empty (or
 * holding text the browser cannot read as a number) is 「请填写…」, never a silent default; a
 * select with no option chosen is 「请选择…」. Labels are the form's own, in both languages.
 * @param {Array<[HTMLElement, string, string, string]>} required [control, field id, label zh, label en]
 * @param {Array<[HTMLSelectElement, string, string, string]>} selects the same, for selects
 */
export function formProblem(required, selects = []) {
  for (const [c, field, zh, en] of selects) {
    if (c.selectedIndex < 0) return fieldError('INVALID_INPUT', field, `请选择${zh}`, `${en}: choose an option`);
  }
  for (const [c, field, zh, en] of required) {
    if (c.validity?.badInput) return fieldError('INVALID_INPUT', field, `${zh}：请输入数字`, `${en}: enter a number`);
    if (String(c.value).trim() === '') return fieldError('INVALID_INPUT', field, `请填写${zh}`, `${en}: required`);
  }
  return null;
}
