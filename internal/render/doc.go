// Package render executes a slideshow.Plan. Its Renderer is the only code
// in kenburns that starts processes: it prepares working copies of the
// photos, encodes the chunks with a bounded pool of ffmpeg processes fed
// with sub-pixel motion frames, joins them by stream copy, adds the music,
// verifies the result with ffprobe and renames it into place.
//
// The package owns its work directory and the names in it, and composes
// every ffmpeg command line (ChunkCommand, MuxCommand) in one place with
// ffmpeg-go; those functions are pure, so the dry run and golden tests
// print them without running anything.
package render
