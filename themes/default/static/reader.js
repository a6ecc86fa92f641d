// The reader's bar (base.html): large type and high contrast, remembered
// across pages (reader-mode.js applies them before the first paint), and
// an article's copy-link button. Reading aloud is reader-aloud.js, which
// only article pages load (article.html), so that other pages (the search
// page's first search among them) do not download it. Its words are the
// template's: each button carries its other labels in data attributes.

const root = document.documentElement;

function remember(key, value) {
  try {
    localStorage.setItem(`unionpress-${key}`, value);
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
}

const highContrast = matchMedia('(prefers-contrast: more)');
const modes = {
  size: () => root.dataset.size === 'large',
  contrast: () => root.dataset.contrast === 'high' || (!root.dataset.contrast && highContrast.matches),
};
const off = { size: 'normal', contrast: 'normal' };
const on = { size: 'large', contrast: 'high' };

for (const button of document.querySelectorAll('[data-reader]')) {
  const mode = button.dataset.reader;
  const show = () => button.setAttribute('aria-pressed', String(modes[mode]()));
  show();
  if (mode === 'contrast') highContrast.addEventListener('change', show);
  button.addEventListener('click', () => {
    const value = modes[mode]() ? off[mode] : on[mode];
    root.dataset[mode] = value;
    remember(mode, value);
    show();
  });
}

// Copy the article's link.
for (const button of document.querySelectorAll('[data-copy]')) {
  const status = document.querySelector(button.dataset.say);
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(button.dataset.copy);
      status.textContent = button.dataset.done;
    } catch {
      status.textContent = button.dataset.failed;
    }
  });
}
