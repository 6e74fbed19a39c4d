package io.digitgan.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngGridTest {

    @Test
    void decodedPixelsAreTheImages() throws IOException {
        int size = 3;
        int count = 5;
        float[] pixels = new float[count * size * size];
        for (int n = 0; n < count; n++) {
            for (int i = 0; i < size * size; i++) {
                pixels[n * 9 + i] = -1f + 2f * (n * 9 + i) / (count * 9 - 1); // a ramp from -1 to 1
            }
        }
        pixels[0] = -5f; // out of range values are clamped
        int scale = 2;
        int columns = 3;
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(PngGrid.encode(pixels, count, size, columns, scale)));
        int cell = size * scale;
        assertEquals(PngGrid.GUTTER + columns * (cell + PngGrid.GUTTER), png.getWidth());
        assertEquals(PngGrid.GUTTER + 2 * (cell + PngGrid.GUTTER), png.getHeight());
        for (int n = 0; n < count; n++) {
            int x0 = PngGrid.cellOrigin(n % columns, size, scale);
            int y0 = PngGrid.cellOrigin(n / columns, size, scale);
            for (int y = 0; y < cell; y++) {
                for (int x = 0; x < cell; x++) {
                    float v = Math.max(-1f, pixels[n * 9 + (y / scale) * size + x / scale]);
                    int expected = Math.round((v + 1f) * 127.5f);
                    assertEquals(expected, png.getRaster().getSample(x0 + x, y0 + y, 0), "image " + n + " at " + x + "," + y);
                }
            }
        }
        assertEquals(0, png.getRaster().getSample(0, 0, 0), "gutters are black");
        assertEquals(0, png.getRaster().getSample(png.getWidth() - 1, png.getHeight() - 1, 0), "empty cell is black");
    }

    @Test
    void rejectsAMismatchedPixelCount() {
        assertThrows(IllegalArgumentException.class, () -> PngGrid.encode(new float[10], 2, 3, 2, 1));
    }
}
