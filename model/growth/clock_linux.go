package growth

import (
	"time"

	"golang.org/x/sys/unix"
)

// threadTime is the CPU time the calling thread has used, in nanoseconds,
// with the scheduler's precision (not the tick of getrusage).
func threadTime() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		return time.Duration(time.Now().UnixNano()) // no thread clock: the wall clock
	}
	return time.Duration(ts.Nano())
}
