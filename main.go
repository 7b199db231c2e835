// Command caseload keeps a coach's whole caseload in one encrypted vault.
package main

import (
	"os"

	"github.com/caseload/caseload/cmd"
)

func main() { os.Exit(cmd.Main(os.Args[1:])) }
