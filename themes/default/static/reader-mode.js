// The reader's large type and contrast, applied before the first paint:
// base.html loads this file in <head> without defer (the pages' CSP allows
// no inline script). reader.js keeps the choices in localStorage.
(function (root) {
  root.classList.add('js');
  try {
    var size = localStorage.getItem('unionpress-size');
    var contrast = localStorage.getItem('unionpress-contrast');
    if (size) root.setAttribute('data-size', size);
    if (contrast) root.setAttribute('data-contrast', contrast);
  } catch (e) {
    // Storage blocked: the page keeps its defaults.
  }
})(document.documentElement);
