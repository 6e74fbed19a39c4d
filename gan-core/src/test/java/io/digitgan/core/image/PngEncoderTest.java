package io.digitgan.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {

    @Test
    void imageIoReadsBackEveryValueOfRandomAndRepeatedRows() throws Exception {
        Random random = new Random(5);
        int width = 37;
        int height = 23;
        byte[] grey = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // rows 4..7 repeat row 3 (the Up filter); the rest are random, all 256 values possible
                grey[y * width + x] = y >= 4 && y <= 7 ? grey[3 * width + x] : (byte) random.nextInt(256);
            }
        }
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(PngEncoder.grey(width, height, grey)));
        assertEquals(width, png.getWidth());
        assertEquals(height, png.getHeight());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, png.getType());
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                assertEquals(grey[y * width + x] & 0xff, png.getRaster().getSample(x, y, 0), x + "," + y);
            }
        }
    }
}
