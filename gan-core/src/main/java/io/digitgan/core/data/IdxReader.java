package io.digitgan.core.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads the idx format of MNIST (raw or gzip-compressed, recognised by content, not by name).
 *
 * <p>Layout: two zero bytes, a type byte ({@code 0x08} = unsigned byte, the only one MNIST uses),
 * the number of dimensions, each dimension as a big-endian int, then the data. Every inconsistency
 * is an {@link IdxFormatException} that names the file and what is wrong.
 */
public final class IdxReader {

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int MAX_DIMENSIONS = 4;

    private IdxReader() {}

    /** Reads a file and checks that it has {@code expectedDimensions} dimensions. */
    public static IdxArray read(Path file, int expectedDimensions) throws IOException {
        IdxArray array = read(file);
        if (array.dimensions().length != expectedDimensions) {
            throw new IdxFormatException(
                    file,
                    "expected "
                            + expectedDimensions
                            + " dimensions, found "
                            + array.dimensions().length
                            + " "
                            + Arrays.toString(array.dimensions()));
        }
        return array;
    }

    public static IdxArray read(Path file) throws IOException {
        byte[] bytes = contents(file);
        if (bytes.length == 0) {
            throw new IdxFormatException(file, "file is empty");
        }
        if (bytes.length < 4) {
            throw new IdxFormatException(
                    file, "truncated: " + bytes.length + " bytes, shorter than the 4-byte magic number");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes); // big-endian, as idx is
        int zero0 = in.get() & 0xff;
        int zero1 = in.get() & 0xff;
        int type = in.get() & 0xff;
        int dimensionCount = in.get() & 0xff;
        if (zero0 != 0 || zero1 != 0) {
            throw new IdxFormatException(
                    file,
                    String.format(
                            "bad magic number 0x%08x: not an idx file (it must start with two zero bytes)",
                            ByteBuffer.wrap(bytes, 0, 4).getInt()));
        }
        if (type != UNSIGNED_BYTE) {
            throw new IdxFormatException(
                    file, String.format("data type 0x%02x is not supported; only unsigned bytes (0x08)", type));
        }
        if (dimensionCount < 1 || dimensionCount > MAX_DIMENSIONS) {
            throw new IdxFormatException(
                    file, "bad number of dimensions " + dimensionCount + " (expected 1 to " + MAX_DIMENSIONS + ")");
        }
        int headerSize = 4 + 4 * dimensionCount;
        if (bytes.length < headerSize) {
            throw new IdxFormatException(
                    file,
                    "truncated header: "
                            + bytes.length
                            + " bytes, the header of "
                            + dimensionCount
                            + " dimensions needs "
                            + headerSize);
        }
        int[] dimensions = new int[dimensionCount];
        long expectedData = 1;
        for (int i = 0; i < dimensionCount; i++) {
            dimensions[i] = in.getInt();
            if (dimensions[i] <= 0) {
                throw new IdxFormatException(file, "dimension " + i + " is " + dimensions[i] + ", must be positive");
            }
            expectedData *= dimensions[i];
        }
        long actualData = bytes.length - (long) headerSize;
        if (actualData < expectedData) {
            throw new IdxFormatException(
                    file,
                    "truncated: dimensions "
                            + Arrays.toString(dimensions)
                            + " need "
                            + expectedData
                            + " data bytes, the file has "
                            + actualData);
        }
        if (actualData > expectedData) {
            throw new IdxFormatException(
                    file,
                    (actualData - expectedData)
                            + " unexpected bytes after the data of dimensions "
                            + Arrays.toString(dimensions));
        }
        return new IdxArray(dimensions, Arrays.copyOfRange(bytes, headerSize, bytes.length));
    }

    private static byte[] contents(Path file) throws IOException {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IdxFormatException(file, "file not found", e);
        }
        boolean gzip = raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b;
        if (!gzip) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4);
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IdxFormatException(file, "corrupt or truncated gzip data: " + e.getMessage(), e);
        }
    }
}
