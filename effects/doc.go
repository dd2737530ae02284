// Package effects turns a slide's keyframes into a window trajectory over
// the photo, and transitions into ffmpeg xfade filters.
//
// All geometry is resolution independent: a window is a rectangle given as
// fractions of the upright photo, so the same keyframes frame a photo the
// same way at 720p, 4K or 9:16.
package effects
