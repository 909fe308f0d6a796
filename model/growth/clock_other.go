//go:build !linux

package growth

import "time"

// threadTime is the wall clock where no thread CPU clock is read: a busy
// machine makes the ratios noisier there.
func threadTime() time.Duration { return time.Duration(time.Now().UnixNano()) }
