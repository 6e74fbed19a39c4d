package io.digitgan.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * MNIST (or Fashion-MNIST) images and labels, as unsigned bytes, one split.
 *
 * <p>Files are looked up in a folder by their standard names, raw or with {@code .gz}.
 */
public final class MnistDataset {

    /** Which of the two standard splits. */
    public enum Split {
        TRAIN("train"),
        TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }
    }

    private final byte[] images;
    private final byte[] labels;
    private final int count;
    private final int height;
    private final int width;

    public MnistDataset(byte[] images, byte[] labels, int count, int height, int width) {
        if (images.length != (long) count * height * width || labels.length != count) {
            throw new IllegalArgumentException("images and labels do not match " + count + " items of " + height + "x" + width);
        }
        this.images = images;
        this.labels = labels;
        this.count = count;
        this.height = height;
        this.width = width;
    }

    /** Loads one split from {@code dir}; errors name the file and what is wrong. */
    public static MnistDataset load(Path dir, Split split) throws IOException {
        Path imageFile = locate(dir, split.prefix + "-images-idx3-ubyte");
        Path labelFile = locate(dir, split.prefix + "-labels-idx1-ubyte");
        IdxArray images = IdxReader.read(imageFile, 3);
        IdxArray labels = IdxReader.read(labelFile, 1);
        if (images.count() != labels.count()) {
            throw new IdxFormatException(
                    imageFile, images.count() + " images, but " + labelFile.getFileName() + " has " + labels.count() + " labels");
        }
        for (int i = 0; i < labels.count(); i++) {
            int label = labels.data()[i] & 0xff;
            if (label > 9) {
                throw new IdxFormatException(labelFile, "label " + label + " at index " + i + " is not a digit 0-9");
            }
        }
        int[] dims = images.dimensions();
        return new MnistDataset(images.data(), labels.data(), dims[0], dims[1], dims[2]);
    }

    private static Path locate(Path dir, String name) throws IOException {
        for (String candidate : new String[] {name, name + ".gz"}) {
            Path file = dir.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IdxFormatException(
                dir.resolve(name),
                "file not found (nor " + name + ".gz); run scripts/fetch-mnist.sh (MNIST) or scripts/fetch-fashion-mnist.sh (Fashion-MNIST), or set the data directory");
    }

    /** Keeps only the first {@code n} items (for tests and smoke runs). */
    public MnistDataset limit(int n) {
        if (n <= 0 || n >= count) {
            return this;
        }
        byte[] img = java.util.Arrays.copyOf(images, n * height * width);
        byte[] lab = java.util.Arrays.copyOf(labels, n);
        return new MnistDataset(img, lab, n, height, width);
    }

    public int size() {
        return count;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int pixelsPerImage() {
        return height * width;
    }

    public int label(int index) {
        return labels[index] & 0xff;
    }

    /** The pixel bytes of all images, row-major; not a copy. */
    byte[] pixels() {
        return images;
    }

    /** Image {@code index} scaled to [-1, 1], written into {@code out} at {@code offset}. */
    public void copyScaled(int index, float[] out, int offset) {
        int size = pixelsPerImage();
        int base = index * size;
        for (int i = 0; i < size; i++) {
            out[offset + i] = PixelScale.toModel(images[base + i] & 0xff);
        }
    }
}
