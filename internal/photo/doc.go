// Package photo reads photos as a person sees them: it recognises the
// format by content, reads the size from the header before decoding,
// applies the EXIF orientation, composites transparency over a background
// colour and reduces the photo to the working size its motion needs.
//
// This package is the single owner of orientation: everything downstream,
// ffmpeg included, only ever sees upright pixels.
package photo
