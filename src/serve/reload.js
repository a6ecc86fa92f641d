// Live reload for `unionpress serve`. Served only by the preview server and
// added only to the pages it serves; never part of a built site.
//
// It listens on /__unionpress/events: `reload` after a good build reloads the
// page; `problem` after a failed one fetches /__unionpress/status and shows
// its problems (file:line:column, message, help) over the page. Text is set
// with textContent only, so nothing in an error message can run as HTML.
(function () {
  'use strict';
  var script = document.currentScript;
  var match = script && /[?&]g=(\d+)/.exec(script.src);
  var pageGeneration = match ? Number(match[1]) : 0;
  var overlay = null;

  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function el(tag, text, style) {
    var e = document.createElement(tag);
    if (text) { e.textContent = text; }
    if (style) { Object.assign(e.style, style); }
    return e;
  }

  function show(status) {
    hide();
    overlay = el('div', null, {
      position: 'fixed', left: '0', right: '0', bottom: '0', maxHeight: '60vh', overflow: 'auto',
      zIndex: '2147483647', background: '#fff4f4', color: '#1a1a1a', borderTop: '4px solid #b3121f',
      padding: '12px 16px', font: '14px/1.6 system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif',
      boxShadow: '0 -4px 16px rgba(0,0,0,.2)'
    });
    overlay.id = 'unionpress-overlay';
    overlay.setAttribute('role', 'alert');
    overlay.appendChild(el('strong', status.words.heading));
    var list = el('ul', null, { margin: '8px 0 0', paddingLeft: '20px' });
    status.problems.forEach(function (p) {
      var item = el('li', null, { margin: '4px 0' });
      item.appendChild(el('code', p.location, { fontWeight: 'bold' }));
      item.appendChild(document.createTextNode(' ' + (p.severity === 'error' ? status.words.error : status.words.warning) + ': ' + p.message));
      if (p.help) { item.appendChild(el('div', status.words.help + ': ' + p.help, { color: '#555' })); }
      list.appendChild(item);
    });
    overlay.appendChild(list);
    var close = el('button', status.words.close, { position: 'absolute', top: '8px', right: '12px' });
    close.type = 'button';
    close.addEventListener('click', hide);
    overlay.appendChild(close);
    document.body.appendChild(overlay);
  }

  function check() {
    fetch('/__unionpress/status', { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (status) {
        if (status.ok) {
          hide();
          if (status.generation > pageGeneration) { location.reload(); }
        } else {
          show(status);
        }
      })
      .catch(function () {});
  }

  var events = new EventSource('/__unionpress/events');
  events.addEventListener('reload', function () { location.reload(); });
  // A newer search index is complete: the search page reads it after a reload
  // (it keeps reading the one it was served with until then).
  events.addEventListener('search', function () {
    if (document.querySelector('[data-index]')) { location.reload(); }
  });
  events.addEventListener('problem', check);
  // On (re)connecting: the page may be older than the last build.
  events.addEventListener('hello', check);
})();
