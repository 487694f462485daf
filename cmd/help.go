package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mesoplan/mesoplan/planner"
)

const environmentHelp = `mesoplan reads these environment variables. Flags win over them; they win
over the config file, which wins over the built-in defaults.

  MESOPLAN_TZ              time zone of plans (IANA name, e.g. Europe/Rome)
  MESOPLAN_TIME            session time, HH:MM
  MESOPLAN_CLINIC_NAME     clinic name shown on plans
  MESOPLAN_CLINIC_ADDRESS  clinic address shown on plans
  MESOPLAN_CLINIC_PHONE    clinic phone number, shown in every session
  MESOPLAN_CLINIC_EMAIL    clinic e-mail: the organizer of exported events
  MESOPLAN_CLINIC_URL      clinic web address, shown in every session
  MESOPLAN_CATALOG         practitioner catalog files, separated by ':'
  MESOPLAN_OPEN_DAYS       the clinic's opening days, e.g. mon-fri
  MESOPLAN_CLOSED          dates or ranges the clinic is closed, separated
                           by ':'
  MESOPLAN_HOLIDAYS        public holidays the clinic closes for (IT, DE-BY, ...
                           or none)
  MESOPLAN_LANG            language of what the patient reads (en, it, or one a
                           catalog file adds)
  MESOPLAN_CONFIG          config file to read instead of the default one
  XDG_CONFIG_HOME          the default config file is
                           $XDG_CONFIG_HOME/mesoplan/config.yaml
  HOME                     without XDG_CONFIG_HOME, the default config file
                           is ~/.config/mesoplan/config.yaml
  TZ                       the system time zone, used when no zone is set
  SOURCE_DATE_EPOCH        seconds since 1970-01-01 UTC used as "now", for
                           reproducible output and for the past-date and
                           too-late checks

'mesoplan config' prints the effective settings and where each came from.`

// newEnvironmentHelpTopic is `mesoplan help environment`: a help-only
// command, as 'go help environment' is.
func newEnvironmentHelpTopic() *cobra.Command {
	return &cobra.Command{
		Use:   "environment",
		Short: "Environment variables mesoplan reads",
		Long:  environmentHelp,
	}
}

// newHelpCmd replaces Cobra's help command, which prints "Unknown help
// topic" and the usage on standard output and exits 0: an unknown topic is
// a usage error like an unknown command.
func newHelpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command or topic",
		Long:  "Help shows the help of any command or topic.",
		Example: `  mesoplan help plan
  mesoplan help environment`,
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err != nil || target == nil || len(rest) > 0 {
				topic := strings.Join(args, " ")
				e := usageErrorf("unknown help topic %q", topic)
				var names []string
				for _, sub := range root.Commands() {
					names = append(names, sub.Name())
				}
				if s := planner.Suggest(strings.ToLower(topic), names); s != "" {
					e.hint = fmt.Sprintf("did you mean %q? run 'mesoplan --help' for the commands", s)
				} else {
					e.hint = "run 'mesoplan --help' for the commands and topics"
				}
				return e
			}
			return target.Help()
		},
	}
}

// newCompletionCmd replaces Cobra's default completion command, whose help
// has no examples, with one that says how to load each shell's script.
func newCompletionCmd(root *cobra.Command) *cobra.Command {
	shells := []string{"bash", "zsh", "fish", "powershell"}
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print the shell completion script",
		Long: `Print the script that completes mesoplan in your shell: commands, flags,
treatment ids and aliases, condition ids, formats, audiences, paper sizes,
languages, holiday regions, IANA time zones, and files of the right kind
(saved plans *.json, calendars *.ics, catalogs *.yaml).`,
		Example: `  source <(mesoplan completion bash)                    # bash, this session
  mesoplan completion zsh > "${fpath[1]}/_mesoplan"     # zsh, for good
  mesoplan completion fish > ~/.config/fish/completions/mesoplan.fish`,
		ValidArgs: shells,
		Args:      cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			out := c.OutOrStdout()
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(out, true)
			case "zsh":
				return root.GenZshCompletion(out)
			case "fish":
				return root.GenFishCompletion(out, true)
			case "powershell":
				return root.GenPowerShellCompletionWithDesc(out)
			}
			e := usageErrorf("unknown shell %q (accepted: %s)", args[0], strings.Join(shells, ", "))
			if s := planner.Suggest(strings.ToLower(args[0]), shells); s != "" {
				e.hint = fmt.Sprintf("did you mean %q?", s)
			}
			return e
		},
	}
}
