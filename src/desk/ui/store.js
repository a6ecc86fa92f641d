// Unsaved work kept in the browser's localStorage until it is saved, so a
// reload, a crash or a closed tab loses nothing. One entry per article
// (its path, or `new:<section>` for one not yet saved), holding the
// form's values, the body and the version of the file it was opened from.

const PREFIX = 'unionpress-desk:';

export const draftKey = (path, section) => (path ? `article:${path}` : `new:${section}`);

export function loadDraft(key) {
  try {
    return JSON.parse(localStorage.getItem(PREFIX + key) || 'null');
  } catch {
    return null;
  }
}

export function keepDraft(key, state) {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify({ ...state, kept: Date.now() }));
  } catch {
    // A full or disabled storage only loses the safety net, never the form.
  }
}

export function dropDraft(key) {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    // See keepDraft.
  }
}
