package cmd

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/mesoplan/mesoplan/planner"
)

const rootLong = `mesoplan turns a mesotherapy treatment and a start date into the full
course: every session, the preparation windows before each one, the
aftercare restrictions after it, maintenance, and the contraindication
screening that comes first.

` + planner.Notice + `

EXIT STATUS
  0  success
  1  failure: a file could not be read or written, a catalog or config file
     is invalid, a saved plan is impossible
  2  usage error: a bad command, flag or value
  3  plan refused: a contraindication rules the course out`

// newRootCmd builds the command tree, with the completion of every
// argument and flag value. Settings (config file, environment, flags) are
// resolved once, in the root's PersistentPreRunE.
func newRootCmd(app *App) *cobra.Command {
	root := buildRootCmd(app, runners{})
	registerCompletions(root)
	return root
}

// completing reports whether args ask the shell's completion of a command
// line (Cobra's hidden __complete commands): only then are the completion
// functions needed, and registering them on every command took a sixth
// of a short command's start.
func completing(args []string) bool {
	return len(args) > 0 && strings.HasPrefix(args[0], cobra.ShellCompRequestCmd)
}

// runners replace commands' run functions: a test sets one to receive the
// options a command line makes, without running the command.
type runners struct {
	plan       func(*planOptions) error
	export     func(*exportOptions) error
	handout    func(*handoutOptions) error
	reschedule func(*rescheduleOptions) error
	status     func(*statusOptions) error
	treatments func(*treatmentsOptions) error
	conditions func(*conditionsOptions) error
	config     func(*configOptions) error
	holidays   func(*holidaysOptions) error
	version    func(*versionOptions) error
	samples    func(*samplesOptions) error
	batch      func(*batchOptions) error
	agenda     func(*agendaOptions) error
}

// buildRootCmd builds the tree, with the run functions run replaces.
func buildRootCmd(app *App, run runners) *cobra.Command {
	env := &runEnv{app: app}
	root := &cobra.Command{
		Use:   "mesoplan",
		Short: "Plan mesotherapy courses: sessions, preparation, aftercare, screening",
		Long:  rootLong,
		Example: `  mesoplan treatments
  mesoplan plan mesolifting --start 2027-03-16 --tz Europe/Rome
  mesoplan plan cellulite --start 2027-03-16 --format json -o plan.json`,
		SilenceErrors:     true,
		SilenceUsage:      true,
		DisableAutoGenTag: true,
		Version:           readBuild().String(),
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			app.Quiet = env.quiet
			s, err := resolveSettings(app, cmd.Flags(), env.configFlag)
			env.settings = s
			return err
		},
	}
	root.SetIn(app.In)
	root.SetOut(app.Out)
	root.SetErr(app.Err)
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		msg := err.Error()
		// pflag quotes Go's parser error; say what is wanted instead.
		if i := strings.Index(msg, ": strconv.Parse"); i >= 0 {
			msg = msg[:i] + ": want a whole number"
		}
		hint := fmt.Sprintf("run '%s --help' for its flags", c.CommandPath())
		if s := nearestFlag(c, msg); s != "" {
			hint = fmt.Sprintf("did you mean --%s? %s", s, hint)
		}
		return &usageError{msg: msg, hint: hint}
	})
	root.PersistentFlags().BoolVarP(&env.quiet, "quiet", "q", false, "do not confirm each file written (warnings and errors are still printed)")
	root.PersistentFlags().StringVar(&env.configFlag, "config", "", "read settings from this YAML `file` (default $XDG_CONFIG_HOME/mesoplan/config.yaml)")
	root.PersistentFlags().StringArray("catalog", nil, "add or override treatments, rules and contraindications from this YAML `file` (repeatable; replaces the config file's catalog list)")
	markSetting(root.PersistentFlags(), "catalog", "catalog")
	root.SetHelpCommand(newHelpCmd(root))
	root.CompletionOptions.DisableDefaultCmd = true
	root.AddCommand(
		newPlanCmd(env, run.plan),
		newExportCmd(env, run.export),
		newHandoutCmd(env, run.handout),
		newRescheduleCmd(env, run.reschedule),
		newStatusCmd(env, run.status),
		newTreatmentsCmd(env, run.treatments),
		newConditionsCmd(env, run.conditions),
		newConfigCmd(env, run.config),
		newHolidaysCmd(env, run.holidays),
		newVersionCmd(env, run.version),
		newSamplesCmd(env, run.samples),
		newBatchCmd(env, run.batch),
		newAgendaCmd(env, run.agenda),
		newEnvironmentHelpTopic(),
		newCompletionCmd(root),
	)
	// Cobra wraps argument-count errors in plain errors; make them usage
	// errors for every command.
	var wrapArgs func(c *cobra.Command)
	wrapArgs = func(c *cobra.Command) {
		if c.Args != nil {
			args := c.Args
			c.Args = func(cmd *cobra.Command, a []string) error {
				err := args(cmd, a)
				var usage *usageError
				if err == nil || errors.As(err, &usage) {
					return err
				}
				if cmd.HasSubCommands() && len(a) > 0 {
					// "mesoplan treatments shw": a mistyped subcommand.
					e := usageErrorf("unknown command %q for %q", a[0], cmd.CommandPath())
					var names []string
					for _, sub := range cmd.Commands() {
						names = append(names, sub.Name())
					}
					e.hint = fmt.Sprintf("run '%s --help' for its commands", cmd.CommandPath())
					if s := planner.Suggest(strings.ToLower(a[0]), names); s != "" {
						e.hint = fmt.Sprintf("did you mean %q? %s", s, e.hint)
					}
					return e
				}
				if strings.HasPrefix(err.Error(), "unknown command") {
					return &usageError{msg: err.Error(), hint: fmt.Sprintf("run '%s --help' for usage", cmd.CommandPath())}
				}
				return &usageError{msg: fmt.Sprintf("%s: %v", cmd.CommandPath(), err), hint: fmt.Sprintf("run '%s --help' for usage", cmd.CommandPath())}
			}
		}
		for _, sub := range c.Commands() {
			wrapArgs(sub)
		}
	}
	wrapArgs(root)
	return root
}

// nearestFlag returns the flag of c nearest to the unknown one pflag's
// error message names ("unknown flag: --fromat"), or "".
func nearestFlag(c *cobra.Command, msg string) string {
	name, ok := strings.CutPrefix(msg, "unknown flag: --")
	if !ok {
		return ""
	}
	var names []string
	add := func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	}
	c.Flags().VisitAll(add)
	c.InheritedFlags().VisitAll(add)
	return planner.Suggest(strings.ToLower(name), names)
}

// flagChanged reports whether the user set the named flag on cmd.
func flagChanged(cmd *cobra.Command, name string) bool {
	f := cmd.Flags().Lookup(name)
	return f != nil && f.Changed
}
