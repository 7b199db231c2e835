package cmd

import (
	"github.com/spf13/cobra"
)

// newCompletionCmd is `caseload completion SHELL`: cobra's completion
// scripts, with help in the user's language.
func newCompletionCmd(e *env) *cobra.Command {
	shells := []string{"bash", "zsh", "fish", "powershell"}
	return &cobra.Command{
		Use:       "completion bash|zsh|fish|powershell",
		Short:     e.T("help.completion.print_the_shell_completion_script"),
		Long:      e.T("help.completion.print_the_script_that_lets"),
		ValidArgs: shells,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef(c, e.T("help.completion.completion_needs_one_shell_s"), "bash, zsh, fish, powershell")
			}
			for _, s := range shells {
				if args[0] == s {
					return nil
				}
			}
			u := usagef(c, e.T("help.completion.caseload_has_no_completion_for"), args[0]).(*usageError)
			best, bestD := "", 3
			for _, s := range shells {
				if d := levenshtein(args[0], s); d < bestD {
					best, bestD = s, d
				}
			}
			if best != "" {
				u.fixed = replaceArg(e.args, args[0], best)
			}
			return u
		},
		RunE: func(c *cobra.Command, args []string) error {
			root, w := c.Root(), e.stdout
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(w, true)
			case "zsh":
				return root.GenZshCompletion(w)
			case "fish":
				return root.GenFishCompletion(w, true)
			}
			return root.GenPowerShellCompletionWithDesc(w)
		},
	}
}
