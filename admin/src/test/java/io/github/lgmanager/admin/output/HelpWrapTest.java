// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.admin.output;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lgmanager.admin.AdminMain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every command's --help, as the terminal and the manual page (help2man reads --help) show it. */
class HelpWrapTest {
    private static List<CommandLine> everyCommand() {
        CommandLine top = AdminMain.commandLine(new AdminMain());
        List<CommandLine> all = new ArrayList<>(List.of(top));
        all.addAll(top.getSubcommands().values());
        return all;
    }

    @Test
    void noWordIsBrokenAcrossLines() {
        for (CommandLine cli : everyCommand()) {
            String help = cli.getUsageMessage();
            Set<String> shown = Arrays.stream(help.split("\\s+")).collect(Collectors.toSet());
            for (OptionSpec option : cli.getCommandSpec().options()) {
                for (String line : option.description()) {
                    for (String word : line.split("\\s+")) {
                        // e.g. "qemu:///system," which picocli alone printed as "qemu:" and "///system,"
                        assertTrue(word.isEmpty() || word.contains("%") || shown.contains(word), () -> "'" + word
                                + "' of " + option.longestName() + " is broken in:\n" + help);
                    }
                }
            }
        }
    }

    @Test
    void linesFitEightyColumnsUnlessOneWordIsLongerThanTheSpace() {
        for (CommandLine cli : everyCommand()) {
            for (String line : cli.getUsageMessage().split("\n")) {
                String[] words = line.strip().split(" +");
                assertTrue(line.length() <= HelpWrap.WIDTH || words[words.length - 1].length() > 40
                        || words.length <= 2, () -> "too wide (" + line.length() + "): " + line);
            }
        }
    }

    @Test
    void theSynopsisKeepsNegatableOptionsWhole() {
        String help = everyCommand().stream().filter(c -> c.getCommandName().equals("resize")).findFirst()
                .orElseThrow().getUsageMessage();
        assertTrue(help.contains("[--[no-]hdr]"), help);
        assertTrue(help.lines().allMatch(line -> !line.endsWith("--[no-]")), help);
    }
}
