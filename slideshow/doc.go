// Package slideshow turns inputs (photo files and folders) and options into
// a Plan: the slides, their geometry, motion and timing, the chunks the
// video is rendered in and the exact ffmpeg command lines. Planning reads
// photo headers but never decodes pixels and never runs ffmpeg, so a plan
// can be printed (--dry-run) and golden-tested without ffmpeg installed.
package slideshow
