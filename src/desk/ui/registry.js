// Adding a registry entry (a programme or an award) from the form, when
// an editor names one the site does not know yet: the server appends the
// entry to the site's registry; the desk then reloads the site's lists.

import { api } from './api.js';
import { t } from './words.js';

const $ = (id) => document.getElementById(id);

/** Asks for the entry's file name and other names; resolves to true when it was added. */
export function askRegistry(kind, name) {
  const dialog = $('registry');
  const form = $('registry-form');
  $('registry-heading').textContent = t(`registry-title-${kind}`);
  $('registry-name').value = name;
  $('registry-key').value = '';
  $('registry-aliases').value = '';
  $('registry-error').textContent = '';
  return new Promise((resolve) => {
    const finish = (added) => {
      form.removeEventListener('submit', onSubmit);
      $('registry-cancel').removeEventListener('click', onCancel);
      dialog.removeEventListener('cancel', onEscape);
      dialog.close();
      resolve(added);
    };
    const onCancel = () => finish(false);
    const onEscape = (e) => { e.preventDefault(); finish(false); };
    dialog.addEventListener('cancel', onEscape);
    const onSubmit = async (e) => {
      e.preventDefault();
      const aliases = $('registry-aliases').value.split(/[、，,]/).map((s) => s.trim()).filter(Boolean);
      try {
        await api.registry({ kind, key: $('registry-key').value.trim(), name: $('registry-name').value.trim(), aliases });
        finish(true);
      } catch (err) {
        $('registry-error').textContent = err.message;
      }
    };
    form.addEventListener('submit', onSubmit);
    $('registry-cancel').addEventListener('click', onCancel);
    dialog.showModal();
    $('registry-key').focus();
  });
}
