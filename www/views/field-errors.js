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
