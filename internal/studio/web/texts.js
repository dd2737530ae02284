// The fields of a slide's texts: its caption, and a title slide's title,
// subtitle and background. Texts are sent as typed, every character kept;
// the server writes them into the file quoted so that they read back
// exactly.

const $ = (id) => document.getElementById(id);

// drawTexts shows slide sl's texts, and the title fields instead of the
// photo's (fit, motion, keyframes) on a title slide.
export function drawTexts(sl) {
  $('title-fields').hidden = !sl.title;
  $('photo-fields').hidden = !!sl.title;
  $('keys').hidden = !!sl.title;
  if (sl.title) {
    $('f-title').value = sl.title.title;
    $('f-subtitle').value = sl.title.subtitle;
    $('f-background').value = sl.title.background;
  }
  $('f-caption').value = sl.caption;
}

// wireTexts sends each text field's value when it changes, for the slide
// selected() names.
export function wireTexts(edit, selected) {
  for (const [key, id] of [['caption', 'f-caption'], ['title', 'f-title'], ['subtitle', 'f-subtitle'], ['background', 'f-background']]) {
    $(id).onchange = () => edit({ op: 'text', slide: selected(), key, value: $(id).value });
  }
}

// addTitle inserts a title slide at place at, three seconds long, and
// reports whether it was added; the caller selects it, and its title
// field is then ready to type into.
export async function addTitle(edit, at) {
  if (!(await edit({ op: 'title', to: at, title: 'Title', seconds: 3 }))) return false;
  setTimeout(() => { $('f-title').focus(); $('f-title').select(); });
  return true;
}
