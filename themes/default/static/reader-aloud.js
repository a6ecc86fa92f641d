// Reading an article aloud (article.html loads this module beside
// reader.js): with the browser's own Chinese voice, sentence by sentence,
// the sentence being read highlighted. The controls show only when such a
// voice exists. Its words are the template's: each button carries its
// other labels in data attributes.

const bar = document.querySelector('[data-read-aloud]');
const body = document.querySelector('.article-body');
if (bar && body && 'speechSynthesis' in window) readAloud(bar, body, window.speechSynthesis);

function readAloud(bar, body, synth) {
  const play = bar.querySelector('[data-play]');
  const stopButton = bar.querySelector('[data-stop]');
  const labels = { idle: play.textContent, playing: play.dataset.pause, paused: play.dataset.resume };
  const motion = matchMedia('(prefers-reduced-motion: reduce)');
  let voice = null;
  let state = 'idle';
  let run = 0;
  let queue = [];

  const pick = () => {
    const voices = synth.getVoices();
    voice = voices.find((v) => /^zh[-_]cn/i.test(v.lang))
      || voices.find((v) => /^(zh|cmn)([-_]|$)/i.test(v.lang)) || null;
    bar.classList.toggle('ready', voice !== null);
    if (!voice) stop();
  };
  const set = (next) => {
    state = next;
    play.textContent = labels[state];
    stopButton.disabled = state === 'idle';
  };
  const mark = (range) => {
    // Highlighted without touching the article's markup. Where the
    // Custom Highlight API is missing the reading goes on unmarked.
    if (!window.Highlight || !CSS.highlights) return;
    if (range) CSS.highlights.set('reading', new Highlight(range));
    else CSS.highlights.delete('reading');
  };
  const speak = (i, token) => {
    if (token !== run) return;
    if (i >= queue.length) { stop(); return; }
    const range = queue[i];
    mark(range);
    range.startContainer.parentElement.scrollIntoView({ block: 'nearest', behavior: motion.matches ? 'auto' : 'smooth' });
    const u = new SpeechSynthesisUtterance(range.toString().trim());
    u.voice = voice;
    u.lang = voice.lang;
    u.onend = () => speak(i + 1, token);
    synth.speak(u);
  };
  function stop() {
    run += 1;
    if (state !== 'idle') synth.cancel();
    mark(null);
    set('idle');
  }

  play.addEventListener('click', () => {
    if (state === 'idle') {
      queue = sentences(body);
      set('playing');
      speak(0, run);
    } else if (state === 'playing') {
      synth.pause();
      set('paused');
    } else {
      synth.resume();
      set('playing');
    }
  });
  stopButton.addEventListener('click', stop);
  addEventListener('pagehide', stop);
  synth.addEventListener('voiceschanged', pick);
  pick();
  set('idle');
}

const BLOCKS = 'p, li, h2, h3, h4, h5, h6, blockquote, figcaption, td, th, dt, dd';
const END = /[。！？!?；;…]+[”’」』）)"']*/g;

/// The sentences of `container`, as ranges: a sentence ends at Chinese or
/// Western closing punctuation or at the end of its block, and may run
/// across links and emphasis inside the block. Code is not read.
export function sentences(container) {
  const out = [];
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement.closest('pre, script, style, [aria-hidden="true"]')
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  let range = null;
  let block = null;
  let last = null;
  const close = (node, offset) => {
    range.setEnd(node, offset);
    if (range.toString().trim()) out.push(range);
    range = null;
  };
  const open = (node, offset) => {
    range = new Range();
    range.setStart(node, offset);
  };
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const b = n.parentElement.closest(BLOCKS) || container;
    if (range && b !== block) close(last, last.length);
    block = b;
    last = n;
    let from = 0;
    END.lastIndex = 0;
    for (let m = END.exec(n.data); m; m = END.exec(n.data)) {
      if (!range) open(n, from);
      from = m.index + m[0].length;
      close(n, from);
    }
    if (!range && n.data.slice(from).trim()) open(n, from);
  }
  if (range) close(last, last.length);
  return out;
}
