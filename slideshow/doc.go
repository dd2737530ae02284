// Package slideshow is the planner. Every input becomes a storyboard
// (Open: a storyboard file is parsed, photos and folders are collected and
// made into one by FromPhotos, as "kenburns init" does), and one planner,
// Build, turns a storyboard and options into a Plan: the slides, their
// geometry, motion and exact place on the timeline, and the chunks the
// video is rendered in. Planning reads photo headers, decodes a small copy
// only of photos whose motion is chosen by looking at them (smart motion,
// remembered by content in the cache), and never runs ffmpeg, so a plan
// can be printed (--dry-run, plan --json) and golden-tested without ffmpeg
// installed.
package slideshow
