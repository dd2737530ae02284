package setting

// Fit says how a photo fills the frame.
type Fit string

// Fits.
const (
	FitAuto Fit = "auto" // crop, but pan photos whose shape differs much from the frame
	FitCrop Fit = "crop" // cover the frame; zoom motions only
	FitPad  Fit = "pad"  // the whole photo on a solid background
	FitBlur Fit = "blur" // the whole photo on a blurred, darkened copy of itself
	FitPan  Fit = "pan"  // crop, and pan along the photo's long side
)

// FitNames lists the fits in the order help text gives them.
func FitNames() []string {
	return []string{string(FitAuto), string(FitCrop), string(FitPad), string(FitBlur), string(FitPan)}
}

// ParseFit parses a fit name; a misspelt one gets a suggestion.
func ParseFit(s string) (Fit, error) { return parseName[Fit]("fit", s, FitNames()) }

// String returns the fit's name.
func (f Fit) String() string { return string(f) }

// Set parses s with ParseFit, so that a flag can hold a Fit.
func (f *Fit) Set(s string) error { return set(f, s, ParseFit) }

// Type names the flag's kind in help text.
func (f *Fit) Type() string { return "fit" }

// Engine is what moves the photo.
type Engine string

// Engines.
const (
	EngineSmooth  Engine = "smooth"  // sub-pixel resampling in Go, frames piped to ffmpeg
	EngineZoompan Engine = "zoompan" // ffmpeg's zoompan: whole-pixel steps, the classic look
)

// EngineNames lists the engines, the default first.
func EngineNames() []string { return []string{string(EngineSmooth), string(EngineZoompan)} }

// ParseEngine parses an engine name; a misspelt one gets a suggestion.
func ParseEngine(s string) (Engine, error) { return parseName[Engine]("engine", s, EngineNames()) }

// String returns the engine's name.
func (e Engine) String() string { return string(e) }

// Set parses s with ParseEngine, so that a flag can hold an Engine.
func (e *Engine) Set(s string) error { return set(e, s, ParseEngine) }

// Type names the flag's kind in help text.
func (e *Engine) Type() string { return "engine" }

// Sort is the order of the photos in a folder.
type Sort string

// Sorts.
const (
	SortName Sort = "name" // natural name order: img2 before img10
	SortDate Sort = "date" // EXIF capture date, else the file's time
)

// SortNames lists the sorts, the default first.
func SortNames() []string { return []string{string(SortName), string(SortDate)} }

// ParseSort parses a sort name; a misspelt one gets a suggestion.
func ParseSort(s string) (Sort, error) { return parseName[Sort]("sort", s, SortNames()) }

// String returns the sort's name.
func (o Sort) String() string { return string(o) }

// Set parses s with ParseSort, so that a flag can hold a Sort.
func (o *Sort) Set(s string) error { return set(o, s, ParseSort) }

// Type names the flag's kind in help text.
func (o *Sort) Type() string { return "sort" }

// Progress is how a render shows its progress.
type Progress string

// Progress displays.
const (
	ProgressAuto  Progress = "auto"  // a bar on a terminal, else plain lines
	ProgressBar   Progress = "bar"   // a bar, redrawn in place
	ProgressPlain Progress = "plain" // a line now and then
	ProgressJSON  Progress = "json"  // a JSON object per line, for scripts
	ProgressNone  Progress = "none"  // nothing
)

// ProgressNames lists the progress displays, the default first.
func ProgressNames() []string {
	return []string{string(ProgressAuto), string(ProgressBar), string(ProgressPlain), string(ProgressJSON), string(ProgressNone)}
}

// ParseProgress parses a progress display's name; a misspelt one gets a
// suggestion.
func ParseProgress(s string) (Progress, error) {
	return parseName[Progress]("progress", s, ProgressNames())
}

// String returns the progress display's name.
func (p Progress) String() string { return string(p) }

// Set parses s with ParseProgress, so that a flag can hold a Progress.
func (p *Progress) Set(s string) error { return set(p, s, ParseProgress) }

// Type names the flag's kind in help text.
func (p *Progress) Type() string { return "progress" }

// set stores what parse makes of s in *v, leaving *v alone on an error.
func set[T any](v *T, s string, parse func(string) (T, error)) error {
	x, err := parse(s)
	if err != nil {
		return err
	}
	*v = x
	return nil
}
