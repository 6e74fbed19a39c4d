package io.digitgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.digitgan.core.image.PngGrid;
import io.digitgan.core.model.ImageGenerator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class SideBySideTest {

    static ImageGenerator constant(float value) {
        return (noise, count) -> {
            float[] out = new float[count * 784];
            Arrays.fill(out, value);
            return out;
        };
    }

    @Test
    void rawLeftBlankColumnAveragedRight() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                SideBySide.png(constant(1f), constant(0f), 100, 1)));
        int cell = 28 * 2;
        int y = PngGrid.cellOrigin(0, 28, 2) + cell / 2;
        assertEquals(255, image.getRaster().getSample(PngGrid.cellOrigin(0, 28, 2) + cell / 2, y, 0), "raw: white");
        assertEquals(0, image.getRaster().getSample(PngGrid.cellOrigin(8, 28, 2) + cell / 2, y, 0), "blank column");
        assertEquals(128, image.getRaster().getSample(PngGrid.cellOrigin(9, 28, 2) + cell / 2, y, 0), 1, "averaged: grey");
        assertEquals(PngGrid.cellOrigin(17, 28, 2), image.getWidth(), "17 columns");

        BufferedImage alone = ImageIO.read(new ByteArrayInputStream(SideBySide.png(constant(1f), null, 100, 1)));
        assertEquals(PngGrid.cellOrigin(8, 28, 2), alone.getWidth(), "without an average: 8 columns");
    }
}
