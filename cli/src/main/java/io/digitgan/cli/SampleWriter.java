package io.digitgan.cli;

import io.digitgan.core.image.PngGrid;
import io.digitgan.core.model.ModelConfig;
import io.digitgan.core.train.SampleGrid;
import io.digitgan.core.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes each sample grid as samples/epoch-NNNN.png. */
final class SampleWriter implements TrainingListener {
    private final Path dir;

    SampleWriter(Path dir) {
        this.dir = dir;
    }

    @Override
    public void onSamples(SampleGrid grid) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(String.format("epoch-%04d.png", grid.epoch()));
            Files.write(file, PngGrid.encode(grid.pixels(), grid.count(), ModelConfig.IMAGE_SIZE, 8, 2));
        } catch (IOException e) {
            System.err.println("could not write the sample grid of epoch " + grid.epoch() + ": " + e.getMessage());
        }
    }
}
