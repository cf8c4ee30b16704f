// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench.xml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lines of code as we count them: lines with something other than whitespace outside comments (Javadoc, block
 * and line comments). Strings, character literals and text blocks are skipped over so that a "//" or "/*" in one
 * is code; imports and the package line are code.
 */
final class SourceLines {

    private SourceLines() {
    }

    static int count(Path file) throws IOException {
        return count(Files.readString(file));
    }

    static int count(String src) {
        int lines = 0;
        boolean code = false;
        boolean block = false;
        for (int i = 0; i < src.length(); i++) {
            char c = src.charAt(i);
            if (c == '\n') {
                lines += code ? 1 : 0;
                code = false;
            } else if (block) {
                if (src.startsWith("*/", i)) {
                    block = false;
                    i++;
                }
            } else if (src.startsWith("//", i)) {
                i = src.indexOf('\n', i) < 0 ? src.length() : src.indexOf('\n', i) - 1;
            } else if (src.startsWith("/*", i)) {
                block = true;
                i++;
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                // a text block's lines are code lines too
                lines += (int) src.substring(i, end).chars().filter(ch -> ch == '\n').count();
                code = true;
                i = end + 2;
            } else if (c == '"' || c == '\'') {
                code = true;
                for (i++; i < src.length() && src.charAt(i) != c; i++) {
                    i += src.charAt(i) == '\\' ? 1 : 0;
                }
            } else if (!Character.isWhitespace(c)) {
                code = true;
            }
        }
        return lines + (code ? 1 : 0);
    }

    /** Prints the table: each implementation's XML layer and its domain rules, file by file. */
    static void report(Path repo) throws IOException {
        Path prod = repo.resolve("core/src/main/java/io/github/lgmanager/core/xml");
        Path alt = repo.resolve("bench/src/main/java/io/github/lgmanager/bench/xml");
        Map<String, List<Path>> groups = new LinkedHashMap<>();
        groups.put(XmlEditorBench.OURS + ": XML layer", files(prod, "RawXmlParser", "XNode", "XElement", "XText",
                "XAttr", "XMarkup", "XmlEscape", "DomainDocument", "Canonical", "SecureXml"));
        groups.put(XmlEditorBench.OURS + ": domain rules used by enable and definition", files(prod, "DomainXmlEditor",
                "DomainXmlReader", "SettingsCodec", "ShmemDevices", "DeviceOrder", "KvmfrCommandLine"));
        groups.put(XmlEditorBench.DOM + ": XML layer", files(alt, "JdkXml", "DomLayout"));
        groups.put(XmlEditorBench.DOM + ": domain rules", files(alt, "DomainRules", "DomDomainEditor", "DomDomainReader"));
        groups.put(XmlEditorBench.STAX + ": XML layer", files(alt, "JdkXml", "StaxSpans", "TextSplice"));
        groups.put(XmlEditorBench.STAX + ": domain rules", files(alt, "DomainRules", "StaxSpliceEditor",
                "StaxDomainReader"));
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, List<Path>> g : groups.entrySet()) {
            int total = 0;
            List<String> parts = new ArrayList<>();
            for (Path f : g.getValue()) {
                int n = count(f);
                total += n;
                parts.add(f.getFileName().toString().replace(".java", "") + " " + n);
            }
            rows.add(List.of(g.getKey(), Integer.toString(total), String.join(", ", parts)));
        }
        System.out.println("## Lines of code (non-blank, non-comment)\n");
        XmlEditorBench.table(List.of("implementation", "lines", "files"), rows);
    }

    private static List<Path> files(Path dir, String... classes) {
        return List.of(classes).stream().map(c -> dir.resolve(c + ".java")).toList();
    }
}
