package photo

import (
	"encoding/binary"
	"io"
)

// tiffICCTag is the TIFF tag that holds an embedded ICC profile
// (InterColorProfile, from the TIFF/EP and ICC specifications), where
// Photoshop, Lightroom and scanners put Adobe RGB, ProPhoto and CMYK
// profiles.
const tiffICCTag = 34675

// maxTIFFEntries bounds the IFD entries read: real first IFDs have a few
// dozen, and a hostile count must not make us read megabytes.
const maxTIFFEntries = 4096

// tiffICC returns the ICC profile of the first image of a TIFF file, or
// nil if it has none or it cannot be read. The profile may lie anywhere
// in the file, so it is found through the first IFD.
func tiffICC(r io.ReadSeeker) []byte {
	var head [8]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return nil
	}
	bo := tiffByteOrder(head[:])
	if bo == nil {
		return nil
	}
	if _, err := r.Seek(int64(bo.Uint32(head[4:])), io.SeekStart); err != nil {
		return nil
	}
	var buf [12]byte
	if _, err := io.ReadFull(r, buf[:2]); err != nil {
		return nil
	}
	n := int(bo.Uint16(buf[:2]))
	if n > maxTIFFEntries {
		return nil
	}
	for i := 0; i < n; i++ {
		if _, err := io.ReadFull(r, buf[:]); err != nil {
			return nil
		}
		// Entries are sorted by tag, but a file that breaks the rule
		// costs only a few more reads.
		if bo.Uint16(buf[:2]) != tiffICCTag {
			continue
		}
		// The profile is UNDEFINED (7) or BYTE (1) data, always longer
		// than the four bytes that would fit in the entry itself.
		typ, count := bo.Uint16(buf[2:4]), int64(bo.Uint32(buf[4:8]))
		if typ != 7 && typ != 1 || count <= 4 || count > maxICCSize {
			return nil
		}
		if _, err := r.Seek(int64(bo.Uint32(buf[8:])), io.SeekStart); err != nil {
			return nil
		}
		icc := make([]byte, count)
		if _, err := io.ReadFull(r, icc); err != nil {
			return nil
		}
		return icc
	}
	return nil
}

// tiffByteOrder reads a TIFF header's byte order mark; nil when head does
// not start a TIFF file.
func tiffByteOrder(head []byte) binary.ByteOrder {
	switch string(head[:4]) {
	case "II*\x00":
		return binary.LittleEndian
	case "MM\x00*":
		return binary.BigEndian
	}
	return nil
}
