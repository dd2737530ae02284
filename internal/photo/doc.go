// Package photo reads photos as a person sees them: it recognises the
// format by content, reads the size from the header before decoding,
// applies the EXIF orientation, converts colours to sRGB (embedded RGB ICC
// profiles such as Adobe RGB and Display P3, CMYK through its embedded
// profile with Little CMS or plainly when untagged, studio-range WebP),
// composites transparency over a background colour and reduces the photo
// to the working size its motion needs.
//
// Untrusted files are expected: sizes are checked against a pixel budget
// from the header before decoding, decoder panics become errors, and
// truncated data is an error rather than a partly grey picture. Errors
// are one line and leave naming the file to the caller.
//
// This package is the single owner of orientation: everything downstream,
// ffmpeg included, only ever sees upright pixels.
package photo
