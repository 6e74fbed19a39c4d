package io.digitgan.core.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes 8-bit grayscale PNGs directly: signature, IHDR, one IDAT, IEND. About ten times faster
 * than ImageIO for a served digit (ImageIO looks up a writer, builds metadata and streams per
 * image), which matters when PNG encoding is a third of a request's CPU. A row equal to the one
 * above (an upscaled digit repeats each row {@code scale} times) is written with PNG's "Up" filter,
 * all zeros, so deflate's fastest level compresses it to almost nothing.
 */
public final class PngEncoder {

    private static final byte[] SIGNATURE = {(byte) 137, 'P', 'N', 'G', '\r', '\n', 26, '\n'};
    private static final byte FILTER_NONE = 0;
    private static final byte FILTER_UP = 2;

    private PngEncoder() {}

    /** @param grey width × height values, row-major */
    public static byte[] grey(int width, int height, byte[] grey) {
        if (width < 1 || height < 1 || grey.length != width * height) {
            throw new IllegalArgumentException(grey.length + " values are not a " + width + "x" + height + " image");
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream(64 + grey.length / 4);
        png.writeBytes(SIGNATURE);
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).array()); // 8 bit, grey, deflate, no interlace
        chunk(png, "IDAT", deflate(scanlines(width, height, grey)));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static byte[] scanlines(int width, int height, byte[] grey) {
        byte[] raw = new byte[height * (width + 1)];
        for (int y = 0; y < height; y++) {
            int at = y * (width + 1);
            if (y > 0 && java.util.Arrays.equals(grey, y * width, (y + 1) * width, grey, (y - 1) * width, y * width)) {
                raw[at] = FILTER_UP; // the differences to the row above: all zero
            } else {
                raw[at] = FILTER_NONE;
                System.arraycopy(grey, y * width, raw, at + 1, width);
            }
        }
        return raw;
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(name);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
