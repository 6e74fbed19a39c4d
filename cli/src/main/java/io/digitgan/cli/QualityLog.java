package io.digitgan.cli;

import io.digitgan.core.train.EpochMetrics;
import io.digitgan.core.train.RunInfo;
import io.digitgan.core.train.TrainingListener;
import io.digitgan.events.EventJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appends each epoch's quality figures to quality.jsonl with the wall time since the run started
 * (training and measuring): what scripts/bench-quality.sh tabulates.
 */
final class QualityLog implements TrainingListener {
    private final Path file;
    private long start;

    QualityLog(Path file) {
        this.file = file;
    }

    @Override
    public void onStart(RunInfo run) {
        start = System.nanoTime();
    }

    @Override
    public void onEpoch(EpochMetrics epoch) {
        if (epoch.quality() == null) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("epoch", epoch.epoch());
        line.put("wallSeconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
        line.put("epochSeconds", Math.round(epoch.epochSeconds() * 10) / 10.0);
        line.put("quality", epoch.quality());
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, EventJson.mapper().writeValueAsString(line) + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("could not append to " + file + ": " + e.getMessage());
        }
    }
}
