package cmd

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Help, usage and usage errors in the user's language. Cobra's own
// templates are English only, so caseload renders them here, in the same
// shape: what the command does, how to call it, its commands, its
// options, the options every command takes.

// printHelp is `caseload help CMD` and `caseload CMD --help`.
func (e *env) printHelp(c *cobra.Command) {
	w := c.OutOrStdout()
	text := c.Long
	if text == "" {
		text = c.Short
	}
	if text != "" {
		fmt.Fprintf(w, "%s\n\n", strings.TrimRight(text, "\n "))
	}
	e.printUsage(w, c)
}

// printUsage prints how to call c.
func (e *env) printUsage(w io.Writer, c *cobra.Command) {
	fmt.Fprintln(w, e.T("help.usage.usage"))
	options := " [" + e.T("help.usage.options") + "]"
	if c.Runnable() {
		line := c.CommandPath()
		if _, args, ok := strings.Cut(c.Use, " "); ok {
			line += " " + args
		}
		fmt.Fprintf(w, "  %s%s\n", line, options)
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "  %s %s%s\n", c.CommandPath(), e.T("help.usage.command"), options)
		fmt.Fprintf(w, "\n%s\n", e.T("help.usage.commands"))
		width := 0
		for _, s := range c.Commands() {
			if s.IsAvailableCommand() || s.Name() == "help" {
				width = max(width, len(s.Name()))
			}
		}
		for _, s := range c.Commands() {
			if s.IsAvailableCommand() || s.Name() == "help" {
				fmt.Fprintf(w, "  %-*s  %s\n", width, s.Name(), s.Short)
			}
		}
	}
	if c.HasExample() {
		fmt.Fprintf(w, "\n%s\n%s\n", e.T("help.usage.examples"), strings.TrimRight(c.Example, "\n"))
	}
	if c.HasAvailableLocalFlags() {
		fmt.Fprintf(w, "\n%s\n", e.T("help.usage.options_2"))
		e.printFlags(w, c.LocalFlags())
	}
	if c.HasAvailableInheritedFlags() {
		fmt.Fprintf(w, "\n%s\n", e.T("help.usage.options_of_every_command"))
		e.printFlags(w, c.InheritedFlags())
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "\n%s\n", e.Tf("help.usage.run_s_help_command_for", c.CommandPath()))
	}
}

// printFlags lists options as pflag does, with the defaults in the
// user's language.
func (e *env) printFlags(w io.Writer, fs *pflag.FlagSet) {
	type line struct{ left, usage string }
	var lines []line
	width := 0
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		name, usage := pflag.UnquoteUsage(f)
		left := "    --" + f.Name
		if f.Shorthand != "" {
			left = "-" + f.Shorthand + ", --" + f.Name
		}
		if name != "" && f.Value.Type() != "bool" {
			left += " " + name
		}
		switch f.DefValue {
		case "", "false", "0", "[]":
		default:
			usage += fmt.Sprintf(" (%s %s)", e.T("help.usage.default"), f.DefValue)
		}
		lines = append(lines, line{left, usage})
		width = max(width, len(left))
	})
	for _, l := range lines {
		fmt.Fprintf(w, "  %-*s  %s\n", width, l.left, l.usage)
	}
}

// newHelpCmd is `caseload help [COMMAND]`.
func newHelpCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "help [" + e.T("help.usage.command") + "]",
		Short: e.T("help.usage.explain_a_command"),
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := c.Root().Find(args)
			if err != nil || len(rest) > 0 {
				name := strings.Join(args, " ")
				if len(rest) > 0 {
					name = rest[0]
				}
				return e.unknownCommand(c.Root(), name)
			}
			e.printHelp(target)
			return nil
		},
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			var names []string
			for _, s := range c.Root().Commands() {
				if s.IsAvailableCommand() && strings.HasPrefix(s.Name(), toComplete) {
					names = append(names, s.Name()+"\t"+s.Short)
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
	}
}

// unknownCommand is a command caseload does not have, with the one it
// most likely is when cobra finds one close enough.
func (e *env) unknownCommand(c *cobra.Command, name string) error {
	u := &usageError{msg: e.Tf("help.usage.unknown_command_q", name)}
	best, bestD, tie := "", 3, false
	for _, s := range c.Root().Commands() {
		if !s.IsAvailableCommand() {
			continue
		}
		switch d := levenshtein(strings.ToLower(name), s.Name()); {
		case d < bestD:
			best, bestD, tie = s.Name(), d, false
		case d == bestD:
			tie = true
		}
	}
	if best != "" && !tie {
		u.fixed = replaceArg(e.args, name, best)
	}
	return u
}

// flagError turns pflag's errors into usage errors in the user's
// language, with the corrected command where a known option is near.
func (e *env) flagError(c *cobra.Command, err error) error {
	var (
		notExist *pflag.NotExistError
		required *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	u := &usageError{cmd: commandName(c)}
	switch {
	case errors.As(err, &notExist):
		typed := "--" + notExist.GetSpecifiedName()
		if notExist.GetSpecifiedName() == "" {
			typed = "-" + notExist.GetSpecifiedShortnames()
		}
		u.msg = e.Tf("help.usage.unknown_option_s", typed)
		if strings.HasPrefix(typed, "--passphrase") || strings.HasPrefix(typed, "--password") {
			u.msg += e.T("help.usage.caseload_never_takes_a_passphrase")
		} else if near := nearFlag(c, strings.TrimLeft(typed, "-")); near != "" {
			u.fixed = replaceArg(e.args, typed, "--"+near)
		}
	case errors.As(err, &required):
		u.msg = e.Tf("help.usage.s_needs_a_value", "--"+required.GetFlag().Name)
	case errors.As(err, &invalid):
		u.msg = e.Tf("help.usage.q_is_not_a_valid", invalid.GetValue(), "--"+invalid.GetFlag().Name)
		if invalid.GetFlag().Value.Type() == "duration" {
			u.msg += e.T("help.usage.a_duration_such_as_10m")
		}
	case errors.As(err, &syntax):
		u.msg = e.Tf("help.usage.cannot_read_the_option_q", syntax.GetSpecifiedFlag())
	default:
		u.msg = err.Error()
	}
	return u
}

// nearFlag is the option of c whose name is closest to name, if one is
// close enough to be what was meant.
func nearFlag(c *cobra.Command, name string) string {
	best, bestD := "", 3
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Name == "help" {
			return
		}
		if d := levenshtein(strings.ToLower(name), f.Name); d < bestD {
			best, bestD = f.Name, d
		}
	})
	return best
}

// levenshtein is the edit distance between a and b, a swap of two
// neighbours counting as one edit ("lsit" is one from "list").
func levenshtein(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// commandName is c's name below the root ("" for the root).
func commandName(c *cobra.Command) string {
	if c == nil || !c.HasParent() {
		return ""
	}
	return strings.TrimPrefix(c.CommandPath(), c.Root().Name()+" ")
}

// replaceArg is args with the first one equal to old (or starting with
// old=) replaced by new.
func replaceArg(args []string, old, new string) []string {
	out := append([]string{}, args...)
	for i, a := range out {
		if a == old {
			out[i] = new
			return out
		}
		if v, ok := strings.CutPrefix(a, old+"="); ok {
			out[i] = new + "=" + v
			return out
		}
	}
	return nil
}

// shellLine quotes args for a POSIX shell where needed.
func shellLine(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		if a != "" && strings.IndexFunc(a, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=:@,+%", r))
		}) < 0 {
			q[i] = a
		} else {
			q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
	}
	return strings.Join(q, " ")
}

// noArgs is cobra.NoArgs as a usage error. An argument that is the name
// of one of c's switches ("list json") was meant as the switch.
func (e *env) noArgs(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	u := &usageError{msg: e.Tf("help.usage.unexpected_q", args[0]), cmd: commandName(c)}
	if f := c.Flags().Lookup(strings.TrimLeft(args[0], "-")); f != nil && f.Value.Type() == "bool" {
		u.fixed = replaceArg(e.args, args[0], "--"+f.Name)
	}
	return u
}

// usagef is a usage error of command c.
func usagef(c *cobra.Command, format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...), cmd: commandName(c)}
}
