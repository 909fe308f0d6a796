//go:build !linux

package cmd

import "errors"

// mountTmpfs is Linux's.
func mountTmpfs(string, string) error { return errors.ErrUnsupported }

func unmount(string) {}
