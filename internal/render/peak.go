package render

// PeakMemoryMiB is the measured peak memory of one render, all processes
// together (kenburns and its ffmpeg children), in MiB: ten 12-24 MP photos
// to 1080p30, 4 s slides, 1 s fades, default quality, --jobs 2, on a
// 2-core machine (bench/README.md, "-scaling 10 -scaling-duration 4s
// -scaling-transition 1s", the "fast, rc-lookahead=15 (committed)" row).
// Memory does not grow with the number of photos (the same file: 904 MiB
// for 5 photos, 840 MiB for 50) but with --jobs. batch --jobs auto and
// the Kubernetes pods' memory requests both size renders by it.
const PeakMemoryMiB = 985
