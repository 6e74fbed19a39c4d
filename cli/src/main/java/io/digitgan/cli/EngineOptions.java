package io.digitgan.cli;

import picocli.CommandLine.Option;

/** The options of every command that runs the engine: its threads and its device. */
final class EngineOptions {

    @Option(names = "--threads", paramLabel = "N", description = "intra-op threads of libtorch (0 = all cores)")
    int threads;

    @Option(names = "--device", paramLabel = "D", description = "auto (a GPU when DJL sees one), cpu or gpu")
    String device = "auto";
}
