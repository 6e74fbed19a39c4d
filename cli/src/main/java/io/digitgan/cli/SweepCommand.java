package io.digitgan.cli;

import io.digitgan.core.sweep.SweepFile;
import io.digitgan.events.EventJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sweep <file>}: expands a sweep file into its runs and checks every one, printing a line
 * per run (index, run id, the values that vary); {@code --entry N} prints run N's overrides as the
 * JSON body of the trainer's {@code POST /api/v1/runs}.
 */
@Command(name = "sweep",
        description = {"Expands the sweep (base, grid, runs, seeds) into its runs, builds and checks every config, and"
                + " prints one line per run: its index, id and the values that vary.",
                "A mistake is an error naming the entry and field. (./digitgan sweep trains them.)"})
final class SweepCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "the sweep file (YAML or JSON)")
    Path file;
    @Option(names = "--entry", paramLabel = "N", description = "print run N's values as the run API's JSON body instead")
    Integer entry;

    @Override
    public Integer call() throws IOException {
        SweepFile sweep = SweepFile.read(file);
        if (entry != null) {
            SweepFile.Entry e = sweep.entry(entry);
            System.out.println(EventJson.mapper().writeValueAsString(e.spec()));
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
