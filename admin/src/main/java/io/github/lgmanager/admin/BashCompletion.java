// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin;

import io.github.lgmanager.core.sizing.Resolution;
import io.github.lgmanager.core.sizing.ShmFormula;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Writes lg-admin's bash completion (scripts/lg-admin-completion). picocli's script knows the commands and options;
 * a layer of ours in front of it completes what only this machine knows: VM names (asked of lg-admin itself, which
 * only reads), resolution presets, formulas and user names. Which option or positional takes which kind of value is
 * read from the picocli model by its label (VM, RES, USER, b7|idd), so a new option gets completion by its label.
 * picocli's own AutoComplete main cannot be used: lg-admin adds its commands in code.
 */
public final class BashCompletion {
    private BashCompletion() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BashCompletion FILE");
            System.exit(2);
        }
        Files.writeString(Path.of(args[0]), script());
    }

    static String script() {
        CommandLine cli = AdminMain.commandLine(new AdminMain());
        return AutoComplete.bash("lg-admin", cli) + valuesLayer(cli);
    }

    private static String valuesLayer(CommandLine cli) {
        Map<String, List<ArgSpec>> args = cli.getSubcommands().entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().getCommandSpec().args()));
        String presets = String.join(" ", Resolution.presets().keySet()) + " auto";
        String formulas = Arrays.stream(ShmFormula.values()).map(ShmFormula::id).collect(Collectors.joining(" "));
        String withValue = words(cli, true, null);
        return """

                # lg-admin's layer over picocli's: the values only this machine knows. Options that take a value
                # (so that the word after them is not the VM):
                _lg_admin_value_options=" %s "
                _lg_admin_values() {
                  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} kind="" i cmd="" at=0 global=()
                  case " %s " in *" $prev "*) kind=RES ;; esac
                  case " %s " in *" $prev "*) kind=USER ;; esac
                  case " %s " in *" $prev "*) kind=FORMULA ;; esac
                  for ((i = 1; i < COMP_CWORD; i++)); do
                    case ${COMP_WORDS[i]} in
                      --connect|--bus) global+=("${COMP_WORDS[i]}" "${COMP_WORDS[i+1]}"); ((i++)) ;;
                      -*) ;;
                      *) cmd=${COMP_WORDS[i]}; at=$i; break ;;
                    esac
                  done
                  if [ -z "$kind" ] && [ -n "$cmd" ] && [[ $cur != -* ]]; then
                    local positional=0
                    for ((i = at + 1; i < COMP_CWORD; i++)); do
                      case "$_lg_admin_value_options" in *" ${COMP_WORDS[i]} "*) ((i++)); continue ;; esac
                      [[ ${COMP_WORDS[i]} == -* ]] || positional=1
                    done
                    if [ $positional -eq 0 ]; then
                      case " %s " in *" $cmd "*) kind=VM ;; esac
                      case " %s " in *" $cmd "*) kind=RES ;; esac
                    fi
                  fi
                  case $kind in
                    RES) COMPREPLY=( $(compgen -W "%s" -- "$cur") ) ;;
                    FORMULA) COMPREPLY=( $(compgen -W "%s" -- "$cur") ) ;;
                    USER) COMPREPLY=( $(compgen -u -- "$cur") ) ;;
                    VM) COMPREPLY=( $(compgen -W "$("${COMP_WORDS[0]}" "${global[@]}" list --json 2>/dev/null \\
                          | grep -o '"name":"[^"]*"' | cut -d'"' -f4)" -- "$cur") ) ;;
                    *) return 1 ;;
                  esac
                }
                _lg_admin_complete() { _lg_admin_values || _complete_lg-admin "$@"; }
                complete -F _lg_admin_complete -o default lg-admin
                """.formatted(withValue, words(cli, false, "RES"), words(cli, false, "USER"),
                words(cli, false, "b7|idd"), commandsWhoseFirstPositionalIs(args, "VM"),
                commandsWhoseFirstPositionalIs(args, "RES"), presets, formulas);
    }

    /** Option names taking a value: all of them ({@code label} null), or those whose value has this label. */
    private static String words(CommandLine cli, boolean all, String label) {
        TreeSet<String> names = new TreeSet<>();
        List<CommandSpec> specs = new java.util.ArrayList<>(List.of(cli.getCommandSpec()));
        cli.getSubcommands().values().forEach(c -> specs.add(c.getCommandSpec()));
        for (CommandSpec spec : specs) {
            for (OptionSpec option : spec.options()) {
                boolean takesValue = option.arity().min() > 0;
                if (takesValue && (all || option.paramLabel().equals(label))) {
                    names.addAll(List.of(option.names()));
                }
            }
        }
        return String.join(" ", names);
    }

    private static String commandsWhoseFirstPositionalIs(Map<String, List<ArgSpec>> args, String label) {
        return args.entrySet().stream()
                .filter(e -> e.getValue().stream().filter(ArgSpec::isPositional).findFirst()
                        .map(p -> p.paramLabel().equals(label)).orElse(false))
                .map(Map.Entry::getKey).sorted().collect(Collectors.joining(" "));
    }
}
