package photo

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// HEIF (HEIC) and AVIF files are ISO base media files whose "meta" box
// describes items: the primary image, its tiles, thumbnails, depth maps,
// gain maps and the Exif block. Probe reads that box in Go, without
// decoding anything, for what the planner needs: the size (ispe), the
// transforms that make the picture upright (clap, irot, imir), the colour
// space (colr) and the capture date (the Exif item). The pixels are
// decoded by libheif's heif-convert (heifdec.go).

// maxMetaSize bounds the meta box read into memory: a phone photo's is a
// few kilobytes (tens for a 48-tile grid), and the bound keeps a hostile
// file from making us allocate much.
const maxMetaSize = 8 << 20

// maxExifSize bounds the Exif item read for the capture date.
const maxExifSize = 1 << 20

// heifHeader is what Probe and Load need from a HEIF or AVIF file.
type heifHeader struct {
	format string // "heic" or "avif"
	// width and height are the stored size of the primary image (ispe):
	// what the decoder allocates, checked against the pixel budget.
	width, height int
	// uprightW and uprightH are the size after clap and irot, the size
	// heif-convert writes.
	uprightW, uprightH int
	icc                []byte // colr "prof" or "rICC", or nil
	nclx               *nclx  // colr "nclx", or nil
	exif               []byte // the TIFF structure of the Exif item, or nil
}

// nclx is a colour space given by ITU-T H.273 code points.
type nclx struct {
	primaries, transfer, matrix uint16
	fullRange                   bool
}

// heifKind returns "heic" or "avif" when head starts an ISO base media
// file whose brands say HEIF or AVIF still image, or "".
func heifKind(head []byte) string {
	if len(head) < 12 || string(head[4:8]) != "ftyp" {
		return ""
	}
	brands := string(head[8:12])
	if end := int(binary.BigEndian.Uint32(head)); end > 16 && end <= len(head) {
		brands += string(head[16:end]) // the compatible brands
	}
	switch {
	case containsAny(brands, "avif", "avis"):
		return "avif"
	case containsAny(brands, "crx "):
		return "" // Canon CR3 camera RAW: an ISO media file, but not HEIF
	case containsAny(brands, "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"):
		return "heic"
	}
	return ""
}

// box is one ISO base media box: its type and its payload.
type box struct {
	typ  string
	data []byte
}

// children splits a box payload into boxes. A box that runs past its
// parent is damage.
func children(data []byte) ([]box, error) {
	var out []box
	for len(data) > 0 {
		if len(data) < 8 {
			return nil, errors.New("a box header is cut short")
		}
		size := uint64(binary.BigEndian.Uint32(data))
		typ, hdr := string(data[4:8]), uint64(8)
		switch size {
		case 0:
			size = uint64(len(data))
		case 1:
			if len(data) < 16 {
				return nil, errors.New("a box header is cut short")
			}
			size, hdr = binary.BigEndian.Uint64(data[8:]), 16
		}
		if size < hdr || size > uint64(len(data)) {
			return nil, fmt.Errorf("the %q box runs past its end", typ)
		}
		out = append(out, box{typ, data[hdr:size]})
		data = data[size:]
	}
	return out, nil
}

// reader reads big-endian fields from a box payload, remembering the
// first short read so that callers check once.
type reader struct {
	b   []byte
	bad bool
}

func (r *reader) n(size int) uint64 {
	if r.bad || size > len(r.b) {
		r.bad = true
		return 0
	}
	var v uint64
	for _, c := range r.b[:size] {
		v = v<<8 | uint64(c)
	}
	r.b = r.b[size:]
	return v
}

func (r *reader) u8() int     { return int(r.n(1)) }
func (r *reader) u16() int    { return int(r.n(2)) }
func (r *reader) u32() uint32 { return uint32(r.n(4)) }

// id reads an item ID, 16 bits in version 0 of most boxes, 32 after.
func (r *reader) id(wide bool) uint32 {
	if wide {
		return r.u32()
	}
	return uint32(r.u16())
}

// extent is a run of an item's bytes, in the file or in the idat box.
type extent struct{ off, n uint64 }

// heifItem is what the meta box says about one item.
type heifItem struct {
	typ     string
	inIdat  bool // construction method 1: the extents are in idat
	extents []extent
	props   []int // 1-based indexes into ipco
}

// readHeifHeader parses the meta box of the ISO base media file r.
func readHeifHeader(r io.ReadSeeker, format string) (*heifHeader, error) {
	meta, err := findMeta(r)
	if err != nil {
		return nil, err
	}
	if len(meta) < 4 {
		return nil, errors.New("its meta box is empty")
	}
	boxes, err := children(meta[4:]) // meta is a full box
	if err != nil {
		return nil, err
	}
	items := map[uint32]*heifItem{}
	item := func(id uint32) *heifItem {
		if items[id] == nil {
			items[id] = &heifItem{}
		}
		return items[id]
	}
	var primary uint32
	var props []box
	var idat []byte
	refs := map[string][][2]uint32{} // reference type: (from, to) pairs
	for _, b := range boxes {
		rd := &reader{b: b.data}
		switch b.typ {
		case "pitm":
			version := rd.u8()
			rd.n(3)
			primary = rd.id(version > 0)
		case "idat":
			idat = b.data
		case "iinf":
			err = parseIinf(rd, item)
		case "iloc":
			err = parseIloc(rd, item)
		case "iref":
			err = parseIref(rd, refs)
		case "iprp":
			props, err = parseIprp(b.data, item)
		}
		if err == nil && rd.bad {
			err = fmt.Errorf("its %q box is cut short", b.typ)
		}
		if err != nil {
			return nil, err
		}
	}
	p := items[primary]
	if primary == 0 || p == nil {
		return nil, errors.New("it has no primary image")
	}
	h := &heifHeader{format: format}
	// A grid's tiles carry the colour profile in some files (the grid
	// item only in others): look at the primary first, then its first tile.
	colrFrom := []*heifItem{p}
	for _, ref := range refs["dimg"] {
		if ref[0] == primary && items[ref[1]] != nil {
			colrFrom = append(colrFrom, items[ref[1]])
			break
		}
	}
	if err := h.applyProps(p, props, colrFrom); err != nil {
		return nil, err
	}
	for _, ref := range refs["cdsc"] {
		if x := items[ref[0]]; ref[1] == primary && x != nil && x.typ == "Exif" {
			h.exif = readExifItem(r, x, idat)
			break
		}
	}
	return h, nil
}

// findMeta returns the payload of the file's top-level meta box.
func findMeta(r io.ReadSeeker) ([]byte, error) {
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	var hdr [16]byte
	for {
		if _, err := io.ReadFull(r, hdr[:8]); err != nil {
			return nil, errors.New("the file ends before its meta box (truncated copy?)")
		}
		size, typ := uint64(binary.BigEndian.Uint32(hdr[:])), string(hdr[4:8])
		n := uint64(8)
		if size == 1 {
			if _, err := io.ReadFull(r, hdr[8:16]); err != nil {
				return nil, errors.New("the file ends inside a box header")
			}
			size, n = binary.BigEndian.Uint64(hdr[8:]), 16
		}
		if size == 0 || size < n {
			return nil, fmt.Errorf("its %q box has an invalid size", typ)
		}
		if typ == "meta" {
			if size-n > maxMetaSize {
				return nil, fmt.Errorf("its meta box is %d bytes, over the limit of %d", size-n, maxMetaSize)
			}
			data := make([]byte, size-n)
			if _, err := io.ReadFull(r, data); err != nil {
				return nil, errors.New("the file ends inside its meta box (truncated copy?)")
			}
			return data, nil
		}
		if size-n > math.MaxInt64 {
			return nil, fmt.Errorf("its %q box has an invalid size", typ)
		}
		if _, err := r.Seek(int64(size-n), io.SeekCurrent); err != nil {
			return nil, err
		}
	}
}

func parseIinf(rd *reader, item func(uint32) *heifItem) error {
	version := rd.u8()
	rd.n(3)
	if version == 0 {
		rd.u16()
	} else {
		rd.u32()
	}
	entries, err := children(rd.b)
	if err != nil {
		return err
	}
	rd.b = nil
	for _, e := range entries {
		if e.typ != "infe" {
			continue
		}
		er := &reader{b: e.data}
		v := er.u8()
		er.n(3)
		if v < 2 {
			continue // old entries have no item type: not an image or Exif
		}
		id := er.id(v >= 3)
		er.u16() // protection index
		typ := string(er.b[:min(4, len(er.b))])
		if er.n(4); er.bad {
			return errors.New("an infe box is cut short")
		}
		item(id).typ = typ
	}
	return nil
}

func parseIloc(rd *reader, item func(uint32) *heifItem) error {
	version := rd.u8()
	rd.n(3)
	sizes := rd.u16()
	offSize, lenSize, baseSize, idxSize := sizes>>12, sizes>>8&15, sizes>>4&15, sizes&15
	if version == 0 {
		idxSize = 0
	}
	count := 0
	if version < 2 {
		count = rd.u16()
	} else {
		count = int(rd.u32())
	}
	for i := 0; i < count && !rd.bad; i++ {
		it := item(rd.id(version >= 2))
		if version >= 1 {
			it.inIdat = rd.u16()&15 == 1
		}
		rd.u16() // data reference index
		base := rd.n(baseSize)
		n := rd.u16()
		for j := 0; j < n && !rd.bad; j++ {
			rd.n(idxSize)
			off := rd.n(offSize)
			it.extents = append(it.extents, extent{base + off, rd.n(lenSize)})
		}
	}
	return nil
}

func parseIref(rd *reader, refs map[string][][2]uint32) error {
	version := rd.u8()
	rd.n(3)
	list, err := children(rd.b)
	if err != nil {
		return err
	}
	rd.b = nil
	for _, b := range list {
		br := &reader{b: b.data}
		from := br.id(version > 0)
		n := br.u16()
		for i := 0; i < n && !br.bad; i++ {
			refs[b.typ] = append(refs[b.typ], [2]uint32{from, br.id(version > 0)})
		}
		if br.bad {
			return fmt.Errorf("its %q reference is cut short", b.typ)
		}
	}
	return nil
}

// parseIprp returns the property boxes of ipco and records, through
// item, which of them each item has (ipma).
func parseIprp(data []byte, item func(uint32) *heifItem) ([]box, error) {
	list, err := children(data)
	if err != nil {
		return nil, err
	}
	var props []box
	for _, b := range list {
		switch b.typ {
		case "ipco":
			if props, err = children(b.data); err != nil {
				return nil, err
			}
		case "ipma":
			rd := &reader{b: b.data}
			version := rd.u8()
			flags := rd.n(3)
			count := int(rd.u32())
			for i := 0; i < count && !rd.bad; i++ {
				it := item(rd.id(version >= 1))
				n := rd.u8()
				for j := 0; j < n && !rd.bad; j++ {
					if flags&1 != 0 {
						it.props = append(it.props, rd.u16()&0x7fff)
					} else {
						it.props = append(it.props, rd.u8()&0x7f)
					}
				}
			}
			if rd.bad {
				return nil, errors.New("its ipma box is cut short")
			}
		}
	}
	return props, nil
}

// applyProps reads the primary item p's size and transforms, and the
// colour space from the first of colrFrom that has one.
func (h *heifHeader) applyProps(p *heifItem, props []box, colrFrom []*heifItem) error {
	prop := func(i int) box {
		if i < 1 || i > len(props) {
			return box{}
		}
		return props[i-1]
	}
	var cleanW, cleanH int
	quarter := 0
	for _, i := range p.props {
		b := prop(i)
		rd := &reader{b: b.data}
		switch b.typ {
		case "ispe":
			rd.u32()
			h.width, h.height = int(rd.u32()), int(rd.u32())
		case "irot":
			quarter = rd.u8() & 3
		case "clap":
			var f [8]float64
			for k := range f {
				f[k] = float64(int32(rd.u32()))
			}
			if f[1] > 0 && f[3] > 0 {
				cleanW, cleanH = int(math.Round(f[0]/f[1])), int(math.Round(f[2]/f[3]))
			}
		}
		if rd.bad {
			return fmt.Errorf("its %q property is cut short", b.typ)
		}
	}
	if h.width <= 0 || h.height <= 0 {
		return fmt.Errorf("its primary image has no valid size (%dx%d)", h.width, h.height)
	}
	h.uprightW, h.uprightH = h.width, h.height
	if cleanW > 0 && cleanH > 0 && cleanW <= h.width && cleanH <= h.height {
		h.uprightW, h.uprightH = cleanW, cleanH
	}
	if quarter%2 == 1 {
		h.uprightW, h.uprightH = h.uprightH, h.uprightW
	}
	for _, it := range colrFrom {
		for _, i := range it.props {
			if b := prop(i); b.typ == "colr" && len(b.data) >= 4 {
				switch string(b.data[:4]) {
				case "nclx":
					rd := &reader{b: b.data[4:]}
					c := &nclx{uint16(rd.u16()), uint16(rd.u16()), uint16(rd.u16()), rd.u8()&0x80 != 0}
					if !rd.bad {
						h.nclx = c
					}
				case "prof", "rICC":
					h.icc = b.data[4:]
				}
			}
		}
		if h.icc != nil || h.nclx != nil {
			break
		}
	}
	return nil
}
