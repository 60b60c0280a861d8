// Field errors of the payout and pricing forms (issue 9): a rejected value shows its coded error
// in the widget's language beside the form, names the field as the form labels it (the wasm
// engine writes messageZh / messageEn that way) and marks the control with aria-invalid and the
// `field-invalid` class (styled by the widget's stylesheet; no inline styles). The next accepted
// value clears the marks. The view keeps its last good result: it only replaces it on success.
import { h } from './view-kit.js';

/**
 * @param el the widget (for its language)
 * @param controlFor (fieldId) => the form control(s) to mark for an engine field id, or null
 * @returns {{ box: HTMLElement, show(e): void, clear(): void }}
 */
export function fieldErrors(el, controlFor) {
  const box = h('div', { class: 'field-error-msg', role: 'alert', hidden: true });
  let marked = [];
  let last = null;
  const text = (e) => {
    const msg = el.lang === 'en' ? (e.messageEn ?? e.message) : (e.messageZh ?? e.message);
    return `[${e.code ?? 'INVALID_INPUT'}] ${msg}`;
  };
  function clear() {
    for (const c of marked) { c.classList.remove('field-invalid'); c.removeAttribute('aria-invalid'); }
    marked = [];
    last = null;
    box.hidden = true;
    box.textContent = '';
  }
  function show(e) {
    clear();
    if (!e || e instanceof WebAssembly.RuntimeError) return;
    last = e;
    const found = e.field ? controlFor(e.field) : null;
    marked = (Array.isArray(found) ? found : found ? [found] : []).filter(Boolean);
    for (const c of marked) { c.classList.add('field-invalid'); c.setAttribute('aria-invalid', 'true'); }
    box.dataset.code = e.code ?? '';
    box.dataset.field = e.field ?? '';
    box.textContent = text(e);
    box.hidden = false;
  }
  return {
    box,
    show,
    clear,
    /** Re-renders the message in the current language (after a language switch). */
    relabel() { if (last) box.textContent = text(last); },
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
