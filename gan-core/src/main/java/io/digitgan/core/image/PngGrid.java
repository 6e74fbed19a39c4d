package io.digitgan.core.image;

import io.digitgan.core.data.PixelScale;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Lays square grayscale images out as one PNG grid: [-1, 1] → 0..255, a 2-pixel black gutter
 * between cells, each pixel optionally upscaled by an integer factor (nearest neighbour, so digits
 * stay crisp).
 */
public final class PngGrid {

    public static final int GUTTER = 2;

    private PngGrid() {}

    /** An 8-column grid at scale 1, the default of sample grids. */
    public static byte[] encode(float[] pixels, int count, int size) {
        return encode(pixels, count, size, Math.min(8, count), 1);
    }

    /**
     * @param pixels count × size × size values in [-1, 1], row-major
     * @param columns cells per row
     * @param scale integer upscale factor, 1..16
     */
    public static byte[] encode(float[] pixels, int count, int size, int columns, int scale) {
        if (count < 1 || size < 1 || columns < 1 || scale < 1 || scale > 16) {
            throw new IllegalArgumentException("count, size, columns must be positive and scale 1..16");
        }
        if (pixels.length != count * size * size) {
            throw new IllegalArgumentException(
                    pixels.length + " values do not make " + count + " images of " + size + "x" + size);
        }
        BufferedImage image = render(pixels, count, size, Math.min(columns, count), scale);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Where cell {@code index}'s top-left pixel lands in the grid. */
    public static int cellOrigin(int index, int size, int scale) {
        return GUTTER + index * (size * scale + GUTTER);
    }

    static BufferedImage render(float[] pixels, int count, int size, int columns, int scale) {
        int rows = (count + columns - 1) / columns;
        int cell = size * scale;
        int width = GUTTER + columns * (cell + GUTTER);
        int height = GUTTER + rows * (cell + GUTTER);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        for (int n = 0; n < count; n++) {
            int x0 = cellOrigin(n % columns, size, scale);
            int y0 = cellOrigin(n / columns, size, scale);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int grey = PixelScale.toByte(pixels[(n * size + y) * size + x]);
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            raster.setSample(x0 + x * scale + dx, y0 + y * scale + dy, 0, grey);
                        }
                    }
                }
            }
        }
        return image;
    }
}
