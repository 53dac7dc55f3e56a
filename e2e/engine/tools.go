//go:build tools

// Package engine pins the Pulumi CLI built by build.sh; see README.md.
package engine

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
