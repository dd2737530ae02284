package render

import (
	"slices"
	"strings"
	"testing"

	"github.com/kenburns/kenburns/internal/setting"
	"github.com/kenburns/kenburns/slideshow"
)

// TestCodecArgs checks what each codec and container puts on the chunk
// and mux command lines, and where --ffmpeg-arg goes.
func TestCodecArgs(t *testing.T) {
	tests := []struct {
		output     string
		codec      setting.Codec
		extra      []string
		chunk, mux string // substrings of the joined argv
		palette    bool
	}{
		{"v.mp4", setting.CodecAuto, nil, "-c:v libx264 ", "-c:v copy -f mp4 -movflags +faststart", false},
		{"v.mp4", setting.CodecAuto, []string{"-tune", "film"}, "-tune film /work/chunk-0001.mp4", "-c:v copy", false},
		{"v.mov", setting.CodecHEVC, nil, "-c:v libx265 ", "-f mov -movflags +faststart -tag:v hvc1", false},
		{"v.webm", setting.CodecAuto, nil, "-b:v 0 -c:v libvpx-vp9 -color_primaries bt709 -color_range tv -color_trc bt709 -colorspace bt709 -cpu-used 4 -crf 32 -deadline good", "-f webm", false},
		{"v.mkv", setting.CodecAV1, nil, "-c:v libsvtav1 ", "-f matroska", false},
		{"v.mp4", setting.CodecH264VAAPI, nil, "hwupload", "-c:v copy", false},
		{"v.gif", setting.CodecAuto, []string{"-final_delay", "100"}, "-preset ultrafast -qp 0", "paletteuse=dither=sierra2_4a[s0] -map [s0] -c:v gif -f gif -loop 0 -final_delay 100 /out/v.gif", true},
		{"v.webp", setting.CodecAuto, nil, "-qp 0", "-c:v libwebp_anim -compression_level 4 -f webp -loop 0 -pix_fmt yuv420p -quality 75", false},
	}
	for _, tt := range tests {
		t.Run(tt.output+" "+string(tt.codec), func(t *testing.T) {
			opts := slideshow.DefaultOptions()
			opts.Output, opts.Codec, opts.EncoderArgs = tt.output, tt.codec, tt.extra
			p := planPhotos(t, photos(), opts)
			c, err := ChunkCommand(p, 0, "/work")
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(c.Args, " "); !strings.Contains(got, tt.chunk) {
				t.Errorf("chunk argv lacks %q:\n%s", tt.chunk, got)
			}
			if p.Codec == setting.CodecH264VAAPI && !slices.Contains(c.Args, "-vaapi_device") {
				t.Errorf("VAAPI chunk opens no device: %q", c.Args)
			}
			m, err := MuxCommand(p, "/work", "/out/"+tt.output)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(m.Args, " "); !strings.Contains(got, tt.mux) {
				t.Errorf("mux argv lacks %q:\n%s", tt.mux, got)
			}
			pal, err := PaletteCommand(p, "/work")
			if err != nil || (pal != nil) != tt.palette {
				t.Errorf("palette command %v, %v; want one: %v", pal, err, tt.palette)
			}
		})
	}
}

// TestSubtitleMux checks the mux of soft captions: the SRT in the work
// directory as an input, its stream mapped, and each container's codec;
// none for GIF and WebP, or when captions are burned in.
func TestSubtitleMux(t *testing.T) {
	tests := []struct {
		output   string
		captions setting.Captions
		audio    bool
		want     string // substring of the mux argv; "" for no subtitles
	}{
		{"v.mp4", setting.CaptionsSoft, false, "-f srt -i /work/captions.srt -map 0:v -map 1:s -c:s mov_text -c:v copy"},
		{"v.mov", setting.CaptionsBoth, true, "-map 0:v -map [s4] -map 2:s -b:a 192k -c:a aac -c:s mov_text"},
		{"v.mkv", setting.CaptionsSoft, false, "-c:s srt"},
		{"v.webm", setting.CaptionsSoft, false, "-c:s webvtt"},
		{"v.mp4", setting.CaptionsBurn, false, ""},
		{"v.gif", setting.CaptionsSoft, false, ""},
		{"v.webp", setting.CaptionsSoft, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.output+" "+string(tt.captions), func(t *testing.T) {
			opts := slideshow.DefaultOptions()
			opts.Output, opts.Captions, opts.CaptionsFrom = tt.output, tt.captions, setting.CaptionsFromName
			if tt.audio {
				opts.Music = slideshow.TrackFiles([]string{"codec_test.go"}) // exists; the mux never reads it here
			}
			p := planPhotos(t, photos(), opts)
			m, err := MuxCommand(p, "/work", "/out/"+tt.output)
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Join(m.Args, " ")
			if tt.want == "" {
				if strings.Contains(got, "captions.srt") || strings.Contains(got, "-c:s") {
					t.Errorf("mux has subtitles:\n%s", got)
				}
				return
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("mux argv lacks %q:\n%s", tt.want, got)
			}
		})
	}
	opts := slideshow.DefaultOptions()
	opts.CaptionsFrom = setting.CaptionsFromName
	got := SRT(planPhotos(t, photos(), opts))
	want := "1\n00:00:00,000 --> 00:00:03,000\nharbour\n\n2\n00:00:03,000 --> 00:00:06,000\ntower: tall 'one'\n\n3\n00:00:06,000 --> 00:00:10,000\npanorama\n\n"
	if got != want {
		t.Errorf("SRT:\n%s\nwant:\n%s", got, want)
	}
}
