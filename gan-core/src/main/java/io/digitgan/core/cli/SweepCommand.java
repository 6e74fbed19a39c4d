package io.digitgan.core.cli;

import io.digitgan.core.sweep.SweepFile;
import io.digitgan.events.EventJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code sweep <file>}: expands a sweep file into its runs and checks every one, printing a line
 * per run (index, run id, the values that vary); {@code --entry N} prints run N's overrides as the
 * JSON body of the trainer's {@code POST /api/v1/runs}.
 */
final class SweepCommand {

    static final String USAGE = String.join("\n",
            "usage: sweep <sweep file (YAML or JSON)> [--entry N]",
            "",
            "Expands the sweep (base, grid, runs, seeds) into its runs, builds and checks every config, and",
            "prints one line per run: its index, id and the values that vary. A mistake is an error naming",
            "the entry and field. --entry N prints run N's values as the run API's JSON body instead.");

    private SweepCommand() {}

    static int run(List<String> args) throws IOException {
        CommandArgs a = CommandArgs.parse(args, Set.of("--entry"));
        if (a.help) {
            System.out.println(USAGE);
            return 0;
        }
        if (a.positional.size() != 1) {
            throw new IllegalArgumentException("sweep takes one sweep file\n\n" + USAGE);
        }
        SweepFile sweep = SweepFile.read(Path.of(a.positional.get(0)));
        if (a.get("--entry", null) != null) {
            SweepFile.Entry e = sweep.entry(a.integer("--entry", 0));
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("runId", e.runId());
            body.putAll(e.overrides());
            System.out.println(EventJson.mapper().writeValueAsString(body));
            return 0;
        }
        List<SweepFile.Entry> entries = sweep.expand();
        for (SweepFile.Entry e : entries) {
            StringBuilder line = new StringBuilder(String.format("%4d  %-24s", e.index(), e.runId()));
            e.varying().forEach((k, v) -> line.append("  ").append(k).append('=').append(v));
            System.out.println(line);
        }
        System.err.printf("sweep %s: %d runs, every config checked%n", sweep.name(), entries.size());
        return 0;
    }
}
