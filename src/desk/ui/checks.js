// The checks display: the server's diagnostics (the same checks and words
// as `unionpress check`) shown beside the field they are about and listed
// in a summary whose items take the editor to the field.

import { h } from './controls.js';
import { t } from './words.js';

/**
 * `controls` maps a field name to its control ({errors, input, focus}),
 * `body` is the body's control. Returns the number of errors.
 */
export function showDiagnostics(diagnostics, { controls, body, count, list }) {
  const all = { ...controls, body };
  for (const c of Object.values(all)) {
    c.errors.replaceChildren();
    c.input?.removeAttribute('aria-invalid');
    c.errors.closest('.field')?.classList.remove('has-error', 'has-warning');
  }
  list.replaceChildren();
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    const severe = d.severity === 'error';
    if (severe) errors++; else warnings++;
    const where = d.field === 'body' && d.line ? t('line', { line: d.line }) + '：' : '';
    // The terminal's words: the message, then how to fix it.
    const words = `${t(severe ? 'severity-error' : 'severity-warning')}：${where}${d.message}${d.help ? `（${d.help}）` : ''}`;
    const control = d.field ? all[d.field] : null;
    if (control) {
      control.errors.append(h('p', { class: `diag ${d.severity}`, text: words }));
      if (severe) control.input?.setAttribute('aria-invalid', 'true');
      control.errors.closest('.field')?.classList.add(severe ? 'has-error' : 'has-warning');
    }
    const label = d.field ? (t(`field-${d.field}`) === `field-${d.field}` ? d.field : t(`field-${d.field}`)) : '';
    const item = h('li', { class: `diag ${d.severity}` });
    if (control) {
      item.append(h('button', { type: 'button', class: 'link-button', text: `${label}：${words}`, onclick: () => control.focus() }));
    } else {
      const at = d.location ? `（${d.location}）` : d.line ? `（${t('line-column', { line: d.line, column: d.column || 1 })}）` : '';
      item.textContent = `${label ? label + '：' : ''}${words}${at}`;
    }
    list.append(item);
  }
  count.textContent = diagnostics.length ? t('checks-count', { errors, warnings }) : t('checks-none');
  return errors;
}
