// kenburns studio's page. The server holds the storyboard and its plan;
// this page shows the state the server sends, and sends edits back. The
// only slide data kept here is what is on screen (the windows being
// dragged), never a second model of the storyboard.

import { drawMusic, drawWarnings, durationLabel, musicShows, wireMusic, wireRender } from './music.js';
import { addTitle, drawTexts, wireTexts } from './texts.js';

const token = document.querySelector('meta[name="studio-token"]').content;
const $ = (id) => document.getElementById(id);
const colors = ['#ff5050', '#50c8ff', '#ffd23c', '#64e664', '#ff8cff', '#ffa03c'];

let state = null;     // the server's State
let sel = 0;          // selected slide
let key = -1;         // selected keyframe
let time = 0;         // scrub time into the selected slide, seconds
let wins = null;      // the selected slide's keyframes as shown (while editing)
let playing = false;

async function api(method, path, body) {
  const opt = { method, headers: {} };
  if (method !== 'GET') {
    opt.headers['X-Studio-Token'] = token;
    opt.headers['Content-Type'] = 'application/json';
    opt.body = JSON.stringify(body || {});
  }
  const r = await fetch(path, opt);
  const data = await r.json().catch(() => ({ error: r.statusText }));
  return { ok: r.ok, status: r.status, data };
}

function setState(s) {
  state = s;
  if (sel >= s.slides.length) sel = Math.max(0, s.slides.length - 1);
  const sl = s.slides[sel];
  // A title slide has no windows to place: kenburns draws it whole.
  wins = sl && !sl.title ? sl.keyframes.map((k) => ({ ...k, win: { ...k.win } })) : [];
  if (key >= wins.length) key = wins.length - 1;
  draw();
}

async function edit(e) {
  const r = await api('POST', '/api/edit', e);
  if (!r.ok) {
    showError(r.data.error);
    if (r.data.state) setState(r.data.state);
    return false;
  }
  setState(r.data);
  return true;
}

function showError(msg) {
  $('render-msg').textContent = msg || '';
}

// ---- drawing ----

function draw() {
  const s = state;
  const st = $('status');
  st.textContent = s.changed ? 'changed on disk' : s.saved ? 'saved' : 'unsaved changes';
  st.className = 'status ' + (s.saved && !s.changed ? 'saved' : 'dirty');
  $('conflict').hidden = !s.changed;
  drawProblems();
  drawWarnings(state);
  drawStrip();
  drawPhoto();
  drawTimeline();
  drawFields();
  drawMusic(state);
  preview();
}

function drawProblems() {
  const ul = $('problems');
  ul.replaceChildren();
  const fields = new Set([...document.querySelectorAll('.err')].map((d) => d.dataset.field));
  for (const p of state.problems) {
    if (p.slide >= 0 && p.slide === sel && fields.has(p.field) || musicShows(p)) continue; // shown at its field
    const li = document.createElement('li');
    li.textContent = p.text;
    ul.append(li);
  }
  for (const d of document.querySelectorAll('.err')) {
    d.textContent = state.problems
      .filter((p) => p.slide === sel && p.field === d.dataset.field)
      .map((p) => p.msg).join('\n');
  }
}

function drawStrip() {
  const strip = $('strip');
  strip.replaceChildren();
  state.slides.forEach((sl, i) => {
    const d = document.createElement('div');
    d.className = 'slide' + (i === sel ? ' selected' : '') +
      (state.problems.some((p) => p.slide === i) ? ' bad' : '');
    d.draggable = true;
    d.dataset.i = i;
    const img = document.createElement('img');
    img.src = `/api/photo?slide=${i}&w=160&h=90&v=${encodeURIComponent(sl.thumb)}`;
    img.alt = sl.name;
    const meta = document.createElement('div');
    meta.className = 'meta';
    const t = i < state.slides.length - 1 || sl.out.frames > 0
      ? `${sl.out.name} ${sl.out.duration}s →` : 'end';
    meta.append(`${i + 1}. ${sl.title ? 'Title: ' : ''}${sl.name} · `, durationLabel(sl), ` · ${t}`);
    meta.title = meta.textContent + (sl.caption ? `\n“${sl.caption}”` : '');
    const rm = document.createElement('button');
    rm.className = 'remove';
    rm.textContent = '×';
    rm.title = 'Remove this slide';
    rm.onclick = (ev) => { ev.stopPropagation(); edit({ op: 'remove', slide: i }); };
    d.append(img, meta, rm);
    d.onclick = () => { sel = i; key = -1; time = 0; setState(state); };
    d.ondragstart = (ev) => ev.dataTransfer.setData('text/plain', String(i));
    d.ondragover = (ev) => ev.preventDefault();
    d.ondrop = (ev) => {
      ev.preventDefault();
      const from = Number(ev.dataTransfer.getData('text/plain'));
      if (from !== i) { sel = i; edit({ op: 'move', slide: from, to: i }); }
    };
    strip.append(d);
  });
}

let photoFor = '';
function drawPhoto() {
  const box = $('photo');
  for (const w of box.querySelectorAll('.win')) w.remove();
  const sl = state.slides[sel];
  if (!sl) return;
  box.classList.toggle('title', !!sl.title);
  $('hint-photo').hidden = !!sl.title;
  $('hint-title').hidden = !sl.title;
  const img = $('photo-img');
  const src = `/api/photo?slide=${sel}&w=800&h=560&v=${encodeURIComponent(sl.thumb)}`;
  if (photoFor !== src) {
    photoFor = src;
    img.src = src;
    img.onload = () => drawPhoto();
  }
  wins.forEach((k, i) => {
    const w = document.createElement('div');
    w.className = 'win' + (i === key ? ' selected' : '');
    w.dataset.k = i;
    w.style.color = w.style.borderColor = colors[i % colors.length];
    const label = document.createElement('span');
    label.className = 'label';
    label.textContent = i + 1;
    const handle = document.createElement('div');
    handle.className = 'handle';
    w.append(label, handle);
    place(w, k.win);
    w.onpointerdown = (ev) => startDrag(ev, i, ev.target === handle);
    box.append(w);
  });
}

function place(el, win) {
  const img = $('photo-img');
  const W = img.clientWidth, H = img.clientHeight;
  el.style.left = win.x * W + 'px';
  el.style.top = win.y * H + 'px';
  el.style.width = win.w * W + 'px';
  el.style.height = win.h * H + 'px';
}

// fit keeps a window of the output's shape on the photo: the size from
// the zoom (never larger than zoom 1, the largest that fits), the corner
// clamped. The server checks again when it writes the keyframe.
function fit(win, sl) {
  let w = Math.min(Math.max(win.w, sl.baseW / 50), sl.baseW);
  let h = w * sl.baseH / sl.baseW;
  const x = Math.min(Math.max(win.x, 0), 1 - w);
  const y = Math.min(Math.max(win.y, 0), 1 - h);
  return { x, y, w, h };
}

function startDrag(ev, i, resize) {
  ev.preventDefault();
  ev.stopPropagation();
  selectKey(i);
  $('photo').focus();
  const img = $('photo-img');
  const W = img.clientWidth, H = img.clientHeight;
  const sl = state.slides[sel];
  const start = { ...wins[i].win };
  const x0 = ev.clientX, y0 = ev.clientY;
  const el = $('photo').querySelector(`.win[data-k="${i}"]`);
  let moved = false;
  const move = (e) => {
    moved = true;
    const dx = (e.clientX - x0) / W, dy = (e.clientY - y0) / H;
    let win;
    if (resize) {
      const w = start.w + Math.max(dx, dy * sl.baseW / sl.baseH);
      win = { x: start.x, y: start.y, w, h: w * sl.baseH / sl.baseW };
      win.w = Math.min(win.w, 1 - start.x, (1 - start.y) * sl.baseW / sl.baseH);
    } else {
      win = { x: start.x + dx, y: start.y + dy, w: start.w, h: start.h };
    }
    wins[i].win = fit(win, sl);
    place(el, wins[i].win);
  };
  const up = () => {
    window.removeEventListener('pointermove', move);
    window.removeEventListener('pointerup', up);
    if (moved) commitKeys();
  };
  window.addEventListener('pointermove', move);
  window.addEventListener('pointerup', up);
}

function selectKey(i) {
  key = i;
  if (i >= 0 && wins[i]) time = wins[i].at;
  for (const w of $('photo').querySelectorAll('.win')) w.classList.toggle('selected', Number(w.dataset.k) === i);
  drawTimeline();
  drawKeyFields();
  preview();
}

function commitKeys() {
  return edit({ op: 'keyframes', slide: sel, keyframes: wins });
}

// Keyboard: arrows move the selected window, shift for big steps; + and -
// resize it. Edits are sent once the keys rest.
let keyTimer = 0;
$('photo').addEventListener('keydown', (ev) => {
  if (key < 0 || !wins[key]) return;
  const sl = state.slides[sel];
  const step = ev.shiftKey ? 0.05 : 0.005;
  const w = { ...wins[key].win };
  switch (ev.key) {
    case 'ArrowLeft': w.x -= step; break;
    case 'ArrowRight': w.x += step; break;
    case 'ArrowUp': w.y -= step; break;
    case 'ArrowDown': w.y += step; break;
    case '+': case '=': w.x += w.w * step; w.y += w.h * step; w.w *= 1 - 2 * step; break;
    case '-': w.x -= w.w * step; w.y -= w.h * step; w.w *= 1 + 2 * step; break;
    default: return;
  }
  ev.preventDefault();
  w.h = w.w * sl.baseH / sl.baseW;
  wins[key].win = fit(w, sl);
  place($('photo').querySelector(`.win[data-k="${key}"]`), wins[key].win);
  clearTimeout(keyTimer);
  keyTimer = setTimeout(commitKeys, 300);
});

// ---- timeline ----

function drawTimeline() {
  const tl = $('timeline');
  for (const e of tl.querySelectorAll('.key, .trans')) e.remove();
  const sl = state.slides[sel];
  if (!sl) return;
  const fr = (f) => (100 * f / sl.frames) + '%';
  if (sl.inFrames > 0) {
    const t = document.createElement('div');
    t.className = 'trans';
    t.style.left = 0; t.style.width = fr(sl.inFrames);
    tl.append(t);
  }
  if (sl.out.frames > 0) {
    const t = document.createElement('div');
    t.className = 'trans';
    t.style.left = fr(sl.frames - sl.out.frames); t.style.width = fr(sl.out.frames);
    tl.append(t);
  }
  wins.forEach((k, i) => {
    const m = document.createElement('div');
    m.className = 'key' + (i === key ? ' selected' : '');
    m.style.left = (100 * k.at / sl.duration) + '%';
    m.style.background = colors[i % colors.length];
    m.title = `keyframe ${i + 1} at ${k.at.toFixed(2)}s`;
    m.onpointerdown = (ev) => dragKey(ev, i);
    tl.append(m);
  });
  $('cursor').style.left = (100 * time / sl.duration) + '%';
  $('time').textContent = time.toFixed(2) + 's';
}

function timeAt(ev) {
  const r = $('timeline').getBoundingClientRect();
  const sl = state.slides[sel];
  return Math.min(Math.max((ev.clientX - r.left) / r.width, 0), 1) * sl.duration;
}

$('timeline').addEventListener('pointerdown', (ev) => {
  if (ev.target.classList.contains('key')) return;
  const scrub = (e) => { time = timeAt(e); drawTimeline(); preview(); };
  scrub(ev);
  const up = () => { window.removeEventListener('pointermove', scrub); window.removeEventListener('pointerup', up); };
  window.addEventListener('pointermove', scrub);
  window.addEventListener('pointerup', up);
});

function dragKey(ev, i) {
  ev.preventDefault();
  ev.stopPropagation();
  selectKey(i);
  const sl = state.slides[sel];
  const lo = i > 0 ? wins[i - 1].at + 1 / state.fps : 0;
  const hi = i < wins.length - 1 ? wins[i + 1].at - 1 / state.fps : sl.duration;
  let moved = false;
  const move = (e) => {
    moved = true;
    wins[i].at = Math.min(Math.max(timeAt(e), lo), hi);
    time = wins[i].at;
    drawTimeline();
  };
  const up = () => {
    window.removeEventListener('pointermove', move);
    window.removeEventListener('pointerup', up);
    if (moved) commitKeys();
  };
  window.addEventListener('pointermove', move);
  window.addEventListener('pointerup', up);
}

$('key-add').onclick = () => {
  const sl = state.slides[sel];
  if (!sl) return;
  // The new keyframe starts with the window of the keyframe before it.
  let i = wins.findIndex((k) => k.at > time);
  if (i < 0) i = wins.length;
  if (wins.some((k) => Math.abs(k.at - time) < 1 / state.fps)) return;
  const from = wins[Math.max(i - 1, 0)] || { win: fit({ x: 0, y: 0, w: sl.baseW, h: sl.baseH }, sl) };
  wins.splice(i, 0, { at: time, win: { ...from.win }, ease: 'linear' });
  key = i;
  commitKeys();
};

$('key-remove').onclick = () => {
  if (key < 0 || wins.length <= 1) return;
  wins.splice(key, 1);
  key = -1;
  commitKeys();
};

$('key-ease').onchange = () => {
  if (key < 0) return;
  wins[key].ease = $('key-ease').value;
  commitKeys();
};

function drawKeyFields() {
  const e = $('key-ease');
  if (!e.options.length) for (const n of state.eases) e.add(new Option(n, n));
  e.disabled = key < 0;
  if (key >= 0 && wins[key]) e.value = wins[key].ease;
}

// ---- fields ----

function options(sel, names, extra) {
  if (sel.options.length) return;
  for (const [v, t] of extra) sel.add(new Option(t, v));
  for (const n of names) sel.add(new Option(n, n));
}

function drawFields() {
  const sl = state.slides[sel];
  if (!sl) return;
  options($('f-fit'), state.fits, [['', 'from defaults']]);
  options($('f-motion'), state.motions, [['', 'keyframes / automatic']]);
  options($('f-trans'), state.transitions, [['', 'from defaults']]);
  $('f-duration').value = +sl.duration.toFixed(3);
  drawTexts(sl);
  $('f-fit').value = sl.fitSet;
  $('f-motion').value = sl.motionSet;
  $('f-trans').value = sl.transSet ? sl.out.name : '';
  $('f-tdur').value = sl.out.duration;
  drawKeyFields();
}

$('f-duration').onchange = () => {
  const v = Number($('f-duration').value);
  edit({ op: 'set', slide: sel, key: 'duration', value: String(v), seconds: v });
};
$('f-fit').onchange = () => edit({ op: 'set', slide: sel, key: 'fit', value: $('f-fit').value });
$('f-motion').onchange = () => edit({ op: 'set', slide: sel, key: 'motion', value: $('f-motion').value });
const setTrans = () => edit({
  op: 'set', slide: sel, key: 'transition', value: $('f-trans').value, seconds: Number($('f-tdur').value),
});
$('f-trans').onchange = setTrans;
$('f-tdur').onchange = setTrans;
$('fields').onsubmit = (ev) => ev.preventDefault();
wireTexts(edit, () => sel);
wireMusic(edit);

// ---- preview and play ----

let pending = null, loading = false;
function preview() {
  if (!state.slides[sel]) return;
  pending = `/api/frame?slide=${sel}&t=${time.toFixed(4)}&w=640&n=${Date.now()}`;
  if (!loading) next();
}

function next() {
  if (!pending) { loading = false; return; }
  loading = true;
  const src = pending;
  pending = null;
  const img = $('preview');
  img.onload = img.onerror = () => next();
  img.src = src;
}

$('play').onclick = async () => {
  if (playing) { playing = false; return; }
  const sl = state.slides[sel];
  if (!sl) return;
  playing = true;
  $('play').textContent = '■ Stop';
  const img = $('preview');
  const t0 = performance.now();
  let shown = 0;
  while (playing) {
    time = (performance.now() - t0) / 1000;
    if (time > sl.duration) break;
    // quick: transitions as cross-fades, which keeps the rate up; a
    // paused frame is drawn exactly, by ffmpeg's xfade.
    const blob = await fetch(`/api/frame?slide=${sel}&t=${time.toFixed(4)}&w=640&quick=1`).then((r) => r.blob());
    const url = URL.createObjectURL(blob);
    await new Promise((ok) => { img.onload = img.onerror = ok; img.src = url; });
    URL.revokeObjectURL(url);
    shown++;
    drawTimeline();
  }
  const elapsed = (performance.now() - t0) / 1000;
  $('fps').textContent = `${(shown / elapsed).toFixed(1)} fps`;
  playing = false;
  time = Math.min(time, sl.duration);
  $('play').textContent = '▶ Play';
  drawTimeline();
};

// ---- save, reload, render, add ----

async function save(force) {
  const r = await api('POST', '/api/save', { force });
  if (r.status === 409) {
    $('conflict').hidden = false;
    if (r.data.state) state.changed = true;
    showError(r.data.error);
    return;
  }
  if (!r.ok) { showError(r.data.error); return; }
  showError('');
  setState(r.data);
}
$('save').onclick = () => save(false);
$('force').onclick = () => save(true);
$('reload').onclick = async () => {
  const r = await api('POST', '/api/reload', {});
  if (r.ok) setState(r.data); else showError(r.data.error);
};
document.addEventListener('keydown', (ev) => {
  if ((ev.ctrlKey || ev.metaKey) && ev.key === 's') { ev.preventDefault(); save(false); }
});

wireRender(api, showError);

$('add-title').onclick = async () => {
  const at = state.slides.length ? sel + 1 : 0;
  if (await addTitle(edit, at)) { sel = at; key = -1; time = 0; setState(state); }
};

$('add').onclick = () => {
  const p = $('add-photo').value;
  if (p) edit({ op: 'add', photo: p });
};

async function start() {
  const [s, photos] = await Promise.all([api('GET', '/api/state'), api('GET', '/api/photos')]);
  for (const p of photos.data) $('add-photo').add(new Option(p, p));
  setState(s.data);
  // An editor may change the file meanwhile: say so, and offer to reload.
  setInterval(async () => {
    const r = await api('GET', '/api/state');
    if (r.ok && r.data.changed !== state.changed) {
      state.changed = r.data.changed;
      $('conflict').hidden = !state.changed;
      $('status').textContent = state.changed ? 'changed on disk' : state.saved ? 'saved' : 'unsaved changes';
    }
  }, 2000);
}
window.addEventListener('resize', () => state && drawPhoto());
start();
