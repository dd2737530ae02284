package text

// The -update flag is the module's (see internal/golden): importing it
// lets "go test ./... -update" run every package, this one included.
import _ "github.com/kenburns/kenburns/internal/golden"
