// The music and the plan's warnings, as the page shows them, from the
// state the server sends (the plan's tracks, fit, sync and the cuts beat
// sync moved); nothing here models the music. The settings and each
// track's keys are edited as the slides' are: the server writes them into
// the file and plans again. And the render, whose video plays with it.

const $ = (id) => document.getElementById(id);

export function drawWarnings(state) {
  const ul = $('warnings');
  ul.replaceChildren();
  for (const w of state.warnings || []) {
    const li = document.createElement('li');
    li.textContent = '⚠ ' + w;
    ul.append(li);
  }
}

export const secs = (v) => `${+v.toFixed(2)}s`;

// settings are the storyboard's music settings the panel edits.
const settings = ['music_fit', 'sync', 'sync_min'];

// trackKeys are a track's keys the panel edits, with their labels; all
// in seconds but the volume, in dB.
const trackKeys = [['volume', 'dB'], ['start', 'start s'], ['end', 'end s'], ['fade_in', 'fade in s'], ['fade_out', 'fade out s']];

// musicShows reports a problem the music panel shows at its field.
export const musicShows = (p) => p.slide < 0 && (p.track >= 0 || settings.includes(p.field));

const problemsAt = (state, track, field) => state.problems
  .filter((p) => musicShows(p) && p.track === track && (field === undefined || p.field === field))
  .map((p) => p.msg).join('\n');

function options(sel, names, value) {
  sel.replaceChildren(...names.map((n) => new Option(n, n)));
  sel.value = value;
}

// trackInputs are the small inputs of track i's keys, as planned: an
// empty one is not set (the end of the file, no fade).
function trackInputs(t, i) {
  const div = document.createElement('div');
  div.className = 'track-keys';
  const values = { volume: t.volumeDB, start: t.start, end: t.end, fade_in: t.fadeIn, fade_out: t.fadeOut };
  for (const [key, label] of trackKeys) {
    const l = document.createElement('label');
    const inp = document.createElement('input');
    inp.type = 'number';
    inp.step = key === 'volume' ? '1' : '0.1';
    if (key !== 'volume') inp.min = '0';
    inp.value = (values[key] || key === 'volume') ? +values[key].toFixed(2) : '';
    inp.dataset.track = i;
    inp.dataset.key = key;
    inp.id = `m-track-${i}-${key}`;
    l.append(inp, ' ' + label);
    div.append(l);
  }
  return div;
}

// drawMusic lists the plan's music: the settings, the tracks as trimmed
// and placed with their keys to edit, how the music meets the slides, and
// the cuts beat sync moved; problems at the field they concern.
export function drawMusic(state) {
  const m = state.music;
  const ol = $('music-tracks');
  ol.replaceChildren();
  $('music-none').hidden = m.tracks.length > 0;
  options($('m-fit'), m.fits, m.fit);
  options($('m-sync'), m.syncs, m.sync);
  $('m-sync-min').value = m.syncMin || '';
  $('m-sync-min').placeholder = m.syncMinDefault;
  $('m-err').textContent = settings.map((f) => problemsAt(state, -1, f)).filter((s) => s).join('\n');
  m.tracks.forEach((t, i) => {
    const last = i === m.tracks.length - 1;
    const li = document.createElement('li');
    const parts = [t.file, `from ${secs(t.start)}` + (t.end > 0 ? ` to ${secs(t.end)}` : ''), `at ${secs(t.at)} of the video`];
    if (t.volumeDB !== 0) parts.push(`${t.volumeDB > 0 ? '+' : ''}${t.volumeDB} dB`);
    if (t.fadeIn > 0) parts.push(`fade in ${secs(t.fadeIn)}`);
    if (t.fadeOut > 0 && !last) parts.push(`fade out ${secs(t.fadeOut)}`);
    if (!last) parts.push(`crossfade ${secs(t.crossfade)} into the next`);
    li.textContent = parts.join(' · ');
    const err = document.createElement('div');
    err.className = 'err';
    err.textContent = problemsAt(state, i);
    li.append(trackInputs(t, i), err);
    ol.append(li);
  });
  $('music-fit').textContent = m.tracks.length
    ? `music_fit: ${m.fit} · sync: ${m.sync} · fades out over ${secs(m.fadeOut)} at the end` : '';
  const cuts = $('music-cuts');
  cuts.replaceChildren();
  for (const c of m.cuts) {
    const li = document.createElement('li');
    li.textContent = `cut ${c.slide + 1}→${c.slide + 2}: ` +
      (c.moved ? `${secs(c.planned)} → ${secs(c.synced)} (on a beat)` : `${secs(c.planned)} (no beat near)`);
    cuts.append(li);
  }
}

// wireMusic sends the settings and the tracks' keys as they change; an
// emptied field removes the key, so that the default applies.
export function wireMusic(edit) {
  $('m-fit').onchange = () => edit({ op: 'music', key: 'music_fit', value: $('m-fit').value });
  $('m-sync').onchange = () => edit({ op: 'music', key: 'sync', value: $('m-sync').value });
  $('m-sync-min').onchange = () => {
    const v = $('m-sync-min').value;
    edit({ op: 'music', key: 'sync_min', value: v, seconds: +v });
  };
  $('music-tracks').onchange = (ev) => {
    const d = ev.target.dataset;
    if (!d.key) return;
    const v = ev.target.value;
    edit({ op: 'track', track: +d.track, key: d.key, value: v, seconds: +v });
  };
}

// durationLabel is a slide's duration for the film strip: the plan's,
// which with beat sync is the synced one, marked, the planned one in its
// tooltip.
export function durationLabel(sl) {
  const dur = document.createElement('span');
  dur.textContent = secs(sl.duration) + (sl.planned ? ' ♪' : '');
  if (sl.planned) {
    dur.className = 'synced';
    dur.title = `beat sync: ${secs(sl.planned)} planned, ${secs(sl.duration)} on the beats`;
  }
  return dur;
}

// wireRender makes the Render button render the video as kenburns render
// would, show its progress, and play it, music and captions included.
export function wireRender(api, showError) {
  $('render').onclick = async () => {
    const r = await api('POST', '/api/render', {});
    if (!r.ok) { showError(r.data.error); return; }
    const bar = $('progress');
    bar.hidden = false;
    for (;;) {
      const p = (await api('GET', '/api/render')).data;
      bar.value = p.fraction;
      showError(p.error || p.phase);
      if (!p.running) {
        if (p.video) { const v = $('video'); v.hidden = false; v.src = p.video; }
        break;
      }
      await new Promise((ok) => setTimeout(ok, 500));
    }
  };
}
