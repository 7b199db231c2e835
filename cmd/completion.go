package cmd

import (
	"github.com/spf13/cobra"
)

// newCompletionCmd is `caseload completion SHELL`: cobra's completion
// scripts, with help in the user's language.
func newCompletionCmd(e *env) *cobra.Command {
	shells := []string{"bash", "zsh", "fish", "powershell"}
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: e.t("print the shell completion script", "druk het aanvulscript voor de shell af"),
		Long: e.t(`Print the script that lets your shell complete caseload's commands and options.

  bash:        source <(caseload completion bash)
  zsh:         caseload completion zsh > "${fpath[1]}/_caseload"
  fish:        caseload completion fish > ~/.config/fish/completions/caseload.fish
  powershell:  caseload completion powershell | Out-String | Invoke-Expression`,
			`Druk het script af waarmee je shell de opdrachten en opties van caseload aanvult.

  bash:        source <(caseload completion bash)
  zsh:         caseload completion zsh > "${fpath[1]}/_caseload"
  fish:        caseload completion fish > ~/.config/fish/completions/caseload.fish
  powershell:  caseload completion powershell | Out-String | Invoke-Expression`),
		ValidArgs: shells,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef(c, e.t("completion needs one shell: %s", "completion heeft één shell nodig: %s"), "bash, zsh, fish, powershell")
			}
			for _, s := range shells {
				if args[0] == s {
					return nil
				}
			}
			u := usagef(c, e.t("caseload has no completion for %q; it has bash, zsh, fish and powershell",
				"caseload heeft geen aanvulling voor %q; wel voor bash, zsh, fish en powershell"), args[0]).(*usageError)
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
