// The music and the plan's warnings, as the page shows them: read-only,
// from the state the server sends (the plan's tracks, fit, sync and the
// cuts beat sync moved); nothing here models the music. And the render,
// whose video plays with it.

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

// drawMusic lists the plan's music, read-only: the tracks as trimmed and
// placed, how the music meets the slides, and the cuts beat sync moved.
export function drawMusic(state) {
  const m = state.music;
  const ol = $('music-tracks');
  ol.replaceChildren();
  $('music-none').hidden = m.tracks.length > 0;
  m.tracks.forEach((t, i) => {
    const last = i === m.tracks.length - 1;
    const li = document.createElement('li');
    const parts = [t.file, `from ${secs(t.start)}` + (t.end > 0 ? ` to ${secs(t.end)}` : ''), `at ${secs(t.at)} of the video`];
    if (t.volumeDB !== 0) parts.push(`${t.volumeDB > 0 ? '+' : ''}${t.volumeDB} dB`);
    if (t.fadeIn > 0) parts.push(`fade in ${secs(t.fadeIn)}`);
    if (t.fadeOut > 0 && !last) parts.push(`fade out ${secs(t.fadeOut)}`);
    if (!last) parts.push(`crossfade ${secs(t.crossfade)} into the next`);
    li.textContent = parts.join(' · ');
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
