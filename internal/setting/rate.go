package setting

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
	"time"
)

// Rate is a frame rate as an exact fraction of frames per second, so that
// NTSC's 30000/1001 (29.97) is exact and frame times never drift.
type Rate struct{ Num, Den int }

// ParseRate parses a frame rate: a whole number ("30"), a fraction
// ("30000/1001") or a decimal. The NTSC decimals 23.976 (or 23.98), 29.97,
// 47.952, 59.94 and 119.88 stand for N×1000/1001 with N 24, 30, 48, 60 or
// 120: any decimal of two places or more that N×1000/1001 rounds to. Other
// decimals are exact ("12.5" is 25/2). The result is reduced and checked
// with CheckRate.
func ParseRate(s string) (Rate, error) {
	t := strings.TrimSpace(s)
	var r Rate
	if n, d, ok := strings.Cut(t, "/"); ok {
		num, ok1 := digits(n)
		den, ok2 := digits(d)
		if !ok1 || !ok2 || den == 0 {
			return Rate{}, fmt.Errorf("%q is not a frame rate: write 30, 29.97 or 30000/1001", s)
		}
		r = Rate{num, den}.reduced()
	} else if r, ok = decimalRate(t); !ok {
		return Rate{}, fmt.Errorf("%q is not a frame rate: write 30, 29.97 or 30000/1001", s)
	}
	if p := r.problem(); p != "" {
		return Rate{}, fmt.Errorf("fps %q: %s", s, p)
	}
	return r, nil
}

// ntscBases are the rates whose N×1000/1001 variants NTSC video uses.
func ntscBases() [5]int { return [...]int{24, 30, 48, 60, 120} }

// maxRatePlaces bounds a decimal's places, keeping the arithmetic below
// within an int64.
const maxRatePlaces = 12

// decimalRate parses digits with an optional fraction ("29.97").
func decimalRate(s string) (Rate, bool) {
	ip, fp, hasPoint := strings.Cut(s, ".")
	n, ok := digits(ip)
	if !ok || hasPoint && fp == "" {
		return Rate{}, false
	}
	fp = strings.TrimRight(fp, "0")
	if fp == "" {
		return Rate{n, 1}, true
	}
	f, ok := digits(fp)
	if !ok || len(fp) > maxRatePlaces {
		return Rate{}, false
	}
	if n > MaxFPS {
		return Rate{n, 1}, true // out of range; spare the overflow
	}
	scale := int(math.Pow10(len(fp)))
	p := n*scale + f // the rate is p/scale
	if len(fp) >= 2 {
		for _, b := range ntscBases() {
			// Does b×1000/1001 round to p/scale at this many places?
			if diff := 1001*p - b*1000*scale; 2*max(diff, -diff) <= 1001 {
				return Rate{b * 1000, 1001}, true
			}
		}
	}
	return Rate{p, scale}.reduced(), true
}

func (r Rate) reduced() Rate {
	a, b := r.Num, r.Den
	for b != 0 {
		a, b = b, a%b
	}
	if a == 0 {
		return r
	}
	return Rate{r.Num / a, r.Den / a}
}

// CheckRate returns nil if r is a frame rate kenburns can encode: from
// MinFPS to MaxFPS, with a denominator from 1 to MaxRateDen.
func CheckRate(r Rate) error {
	if p := r.problem(); p != "" {
		return fmt.Errorf("fps %s: %s", r, p)
	}
	return nil
}

func (r Rate) problem() string {
	switch {
	case r.Den > MaxRateDen:
		return fmt.Sprintf("the denominator must be at most %d", MaxRateDen)
	case r.Den <= 0 || r.Num < MinFPS*r.Den || r.Num > MaxFPS*r.Den:
		return "want " + limit("fps").Range()
	}
	return ""
}

// String writes r as ParseRate reads it: "30", or "30000/1001" when r is
// not a whole number of frames per second.
func (r Rate) String() string {
	if r.Den == 1 {
		return strconv.Itoa(r.Num)
	}
	return strconv.Itoa(r.Num) + "/" + strconv.Itoa(r.Den)
}

// Float returns r in frames per second, rounded to a float64.
func (r Rate) Float() float64 { return float64(r.Num) / float64(r.Den) }

// Frame returns the number of the frame showing at d: d×Num/Den seconds,
// rounded half away from zero (half up, for the non-negative durations of
// a video). It is exact, however long d and however large Num, and clamps
// to the int range where the true count would not fit. It panics if Num
// or Den is not positive.
func (r Rate) Frame(d time.Duration) int {
	r.mustBeValid()
	den, ok := nanoDen(r.Den)
	if !ok {
		return clampInt(bigMulDiv(int64(d), big.NewInt(int64(r.Num)), new(big.Int).Mul(big.NewInt(int64(r.Den)), big.NewInt(int64(time.Second)))))
	}
	return clampInt(mulDiv(int64(d), uint64(r.Num), den))
}

// Time returns when frame starts: frame×Den/Num seconds, exact but for the
// rounding (half away from zero) to the nanosecond, and clamped to the
// Duration range. It panics if Num or Den is not positive.
func (r Rate) Time(frame int) time.Duration {
	r.mustBeValid()
	den, ok := nanoDen(r.Den)
	if !ok {
		return time.Duration(bigMulDiv(int64(frame), new(big.Int).Mul(big.NewInt(int64(r.Den)), big.NewInt(int64(time.Second))), big.NewInt(int64(r.Num))))
	}
	return time.Duration(mulDiv(int64(frame), den, uint64(r.Num)))
}

// Seconds returns how long frames frames last, in seconds.
func (r Rate) Seconds(frames int) float64 {
	return float64(frames) * float64(r.Den) / float64(r.Num)
}

func (r Rate) mustBeValid() {
	if r.Num <= 0 || r.Den <= 0 {
		panic(fmt.Sprintf("setting: frame rate %d/%d", r.Num, r.Den))
	}
}

// nanoDen returns den×1e9, the denominator of a rate in frames per
// nanosecond, if it fits in a uint64.
func nanoDen(den int) (uint64, bool) {
	hi, lo := bits.Mul64(uint64(den), uint64(time.Second))
	return lo, hi == 0
}

// mulDiv returns x×m/d rounded half away from zero and clamped to the
// int64 range, in 128-bit arithmetic; d must not be 0.
func mulDiv(x int64, m, d uint64) int64 {
	neg := x < 0
	ux := uint64(x)
	if neg {
		ux = -ux // two's complement: right for math.MinInt64 too
	}
	hi, lo := bits.Mul64(ux, m)
	if hi >= d { // the quotient needs more than 64 bits
		return clamp64(neg)
	}
	q, rem := bits.Div64(hi, lo, d)
	if rem >= d-rem { // rem ≥ d/2 without overflowing 2×rem
		if q == math.MaxUint64 {
			return clamp64(neg)
		}
		q++
	}
	switch {
	case neg && q > 1<<63, !neg && q > math.MaxInt64:
		return clamp64(neg)
	case neg:
		return int64(-q)
	}
	return int64(q)
}

// bigMulDiv is mulDiv for a d beyond a uint64, or to check mulDiv.
func bigMulDiv(x int64, m, d *big.Int) int64 {
	n := new(big.Int).Mul(big.NewInt(x), m)
	neg := n.Sign() < 0
	n.Abs(n)
	q, rem := new(big.Int).QuoRem(n, d, new(big.Int))
	if rem.Lsh(rem, 1).Cmp(d) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	if !q.IsInt64() {
		return clamp64(neg)
	}
	return q.Int64()
}

func clamp64(neg bool) int64 {
	if neg {
		return math.MinInt64
	}
	return math.MaxInt64
}

func clampInt(n int64) int {
	return int(max(min(n, math.MaxInt), math.MinInt))
}

// MarshalText writes r as String does.
func (r Rate) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText reads r as ParseRate does.
func (r *Rate) UnmarshalText(b []byte) error {
	v, err := ParseRate(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// Set parses s with ParseRate, so that a flag can hold a Rate.
func (r *Rate) Set(s string) error { return r.UnmarshalText([]byte(s)) }

// Type names the flag's kind in help text.
func (r *Rate) Type() string { return "fps" }
