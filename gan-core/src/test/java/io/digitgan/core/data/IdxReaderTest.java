package io.digitgan.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] sequence(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    @Test
    void readsRawAndGzip() throws IOException {
        byte[] content = idx(8, new int[] {3, 2, 2}, sequence(12));
        for (Path f : new Path[] {file("a-idx3-ubyte", content), file("b-idx3-ubyte.gz", gzip(content))}) {
            IdxArray a = IdxReader.read(f, 3);
            assertArrayEquals(new int[] {3, 2, 2}, a.dimensions());
            assertArrayEquals(sequence(12), a.data());
            assertEquals(3, a.count());
            assertEquals(4, a.itemSize());
        }
    }

    private void assertRejected(Path f, String... words) {
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(f, 3));
        assertTrue(e.getMessage().contains(f.toString()), "names the file: " + e.getMessage());
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "says '" + w + "': " + e.getMessage());
        }
    }

    @Test
    void rejectsAnEmptyFile() throws IOException {
        assertRejected(file("empty", new byte[0]), "empty");
    }

    @Test
    void rejectsAMissingFile() {
        assertRejected(dir.resolve("nothing-here"), "not found");
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        byte[] content = idx(8, new int[] {3, 2, 2}, sequence(12));
        assertRejected(file("short", Arrays.copyOf(content, content.length - 5)), "truncated", "need 12", "has 7");
    }

    @Test
    void rejectsATruncatedHeader() throws IOException {
        byte[] content = idx(8, new int[] {3, 2, 2}, sequence(12));
        assertRejected(file("header", Arrays.copyOf(content, 9)), "truncated header");
        assertRejected(file("magic", Arrays.copyOf(content, 3)), "truncated");
    }

    @Test
    void rejectsATruncatedGzip() throws IOException {
        byte[] gz = gzip(idx(8, new int[] {3, 2, 2}, sequence(12)));
        assertRejected(file("cut.gz", Arrays.copyOf(gz, gz.length - 10)), "gzip");
    }

    @Test
    void rejectsWrongFiles() throws IOException {
        assertRejected(file("text", "hello, this is not idx".getBytes()), "magic number");
        assertRejected(file("floats", idx(0x0D, new int[] {1, 1, 1}, new byte[4])), "data type 0x0d");
        assertRejected(file("labels", idx(8, new int[] {12}, sequence(12))), "expected 3 dimensions, found 1");
        assertRejected(file("zero", idx(8, new int[] {0, 2, 2}, new byte[0])), "dimension 0 is 0");
        assertRejected(file("long", idx(8, new int[] {1, 2, 2}, sequence(6))), "2 unexpected bytes");
    }

    @Test
    void datasetChecksThatImagesAndLabelsAgree() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte"), idx(8, new int[] {3, 2, 2}, sequence(12)));
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(idx(8, new int[] {2}, new byte[] {1, 2})));
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> MnistDataset.load(dir, MnistDataset.Split.TRAIN));
        assertTrue(e.getMessage().contains("3 images, but train-labels-idx1-ubyte.gz has 2 labels"), e.getMessage());

        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(idx(8, new int[] {3}, new byte[] {1, 2, 12})));
        e = assertThrows(IdxFormatException.class, () -> MnistDataset.load(dir, MnistDataset.Split.TRAIN));
        assertTrue(e.getMessage().contains("label 12 at index 2"), e.getMessage());

        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(idx(8, new int[] {3}, new byte[] {1, 2, 9})));
        MnistDataset data = MnistDataset.load(dir, MnistDataset.Split.TRAIN);
        assertEquals(3, data.size());
        assertEquals(9, data.label(2));

        e = assertThrows(IdxFormatException.class, () -> MnistDataset.load(dir, MnistDataset.Split.TEST));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte") && e.getMessage().contains("fetch-mnist"));
    }
}
