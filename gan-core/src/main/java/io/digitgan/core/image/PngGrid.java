package io.digitgan.core.image;

import io.digitgan.core.data.PixelScale;

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
        return render(pixels, count, size, Math.min(columns, count), scale).png();
    }

    /** A grid's grey values before encoding. */
    record Raster(int width, int height, byte[] grey) {
        byte[] png() {
            return PngEncoder.grey(width, height, grey);
        }
    }

    /** Where cell {@code index}'s top-left pixel lands in the grid. */
    public static int cellOrigin(int index, int size, int scale) {
        return GUTTER + index * (size * scale + GUTTER);
    }

    static Raster render(float[] pixels, int count, int size, int columns, int scale) {
        int rows = (count + columns - 1) / columns;
        int cell = size * scale;
        int width = GUTTER + columns * (cell + GUTTER);
        int height = GUTTER + rows * (cell + GUTTER);
        byte[] grey = new byte[width * height];
        for (int n = 0; n < count; n++) {
            int x0 = cellOrigin(n % columns, size, scale);
            int y0 = cellOrigin(n / columns, size, scale);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    byte value = (byte) PixelScale.toByte(pixels[(n * size + y) * size + x]);
                    for (int dy = 0; dy < scale; dy++) {
                        int row = (y0 + y * scale + dy) * width + x0 + x * scale;
                        java.util.Arrays.fill(grey, row, row + scale, value);
                    }
                }
            }
        }
        return new Raster(width, height, grey);
    }
}
