package cmd

import "syscall"

// mountTmpfs mounts a tmpfs with options on dir, where the test may (as
// root).
func mountTmpfs(dir, options string) error {
	return syscall.Mount("tmpfs", dir, "tmpfs", 0, options)
}

func unmount(dir string) { syscall.Unmount(dir, 0) }
