package io.digitgan.core.model;

/**
 * The architecture of a DigitGAN model pair: what a checkpoint needs to rebuild its blocks.
 *
 * @param architecture always {@code dcgan} for now; stored so later architectures can be told apart
 * @param latentSize size of the noise vector
 * @param width multiplier of every channel count (1.0 is the original)
 * @param leakySlope negative slope of the LeakyReLUs
 * @param dropout dropout rate of the discriminator
 * @param batchNormMomentum Keras-style momentum of the moving statistics (0.99 keeps 99 %)
 * @param batchNormEpsilon added to the variance
 * @param discriminatorWidth multiplier of the discriminator's channel counts alone (null: {@code
 *     width}, as in the report, where both players have the same width)
 * @param classes 0 for the report's unconditional model; N (10 for MNIST) for a conditional one, whose
 *     generator takes the noise joined to a one-hot label and whose discriminator is told the label
 *     (absent in older manifests: 0)
 * @param conditioning how a conditional discriminator is told the label: {@code projection} (an
 *     embedding of the label dotted with its features, Miyato and Koyama 2018) or {@code label-maps}
 *     (one constant image per class joined to its input); null for an unconditional model
 */
public record ModelConfig(
        String architecture,
        int latentSize,
        double width,
        double leakySlope,
        double dropout,
        double batchNormMomentum,
        double batchNormEpsilon,
        Double discriminatorWidth,
        Integer classes,
        Conditioning conditioning) {

    public static final String DCGAN = "dcgan";
    public static final int IMAGE_SIZE = 28;

    public ModelConfig {
        classes = classes == null ? 0 : classes;
        if (classes < 0 || classes == 1 || classes > 1000) {
            throw new IllegalArgumentException("classes must be 0 (unconditional) or 2..1000, not " + classes);
        }
        if (classes == 0 && conditioning != null) {
            throw new IllegalArgumentException("conditioning '" + conditioning + "' needs a conditional model (classes > 0)");
        }
        if (classes > 0) {
            conditioning = conditioning == null ? Conditioning.PROJECTION : conditioning;
        }
        if (!DCGAN.equals(architecture)) {
            throw new IllegalArgumentException("architecture must be '" + DCGAN + "', not '" + architecture + "'");
        }
        if (latentSize < 1 || latentSize > 4096) {
            throw new IllegalArgumentException("latentSize must be 1..4096, not " + latentSize);
        }
        if (!(width > 0 && width <= 4)) {
            throw new IllegalArgumentException("width must be in (0, 4], not " + width);
        }
        if (!(leakySlope >= 0 && leakySlope < 1)) {
            throw new IllegalArgumentException("leakySlope must be in [0, 1), not " + leakySlope);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), not " + dropout);
        }
        if (!(batchNormMomentum >= 0 && batchNormMomentum < 1)) {
            throw new IllegalArgumentException("batchNormMomentum must be in [0, 1), not " + batchNormMomentum);
        }
        if (discriminatorWidth != null && !(discriminatorWidth > 0 && discriminatorWidth <= 4)) {
            throw new IllegalArgumentException("discriminatorWidth must be in (0, 4], not " + discriminatorWidth);
        }
        if (!(batchNormEpsilon > 0)) {
            throw new IllegalArgumentException("batchNormEpsilon must be positive, not " + batchNormEpsilon);
        }
    }

    /** The original report's model at the given width. */
    public static ModelConfig original(double width) {
        return new ModelConfig(DCGAN, 100, width, 0.2, 0.2, 0.99, 1e-3, null, 0, null);
    }

    /** The same model conditioned on {@code n} classes the given way (0 and null: unconditional). */
    public ModelConfig withClasses(int n, Conditioning how) {
        return new ModelConfig(architecture, latentSize, width, leakySlope, dropout, batchNormMomentum,
                batchNormEpsilon, discriminatorWidth, n, n == 0 ? null : how);
    }

    /** Whether the model draws a requested class. */
    public boolean conditional() {
        return classes > 0;
    }

    /** Values per generator input row: the noise, then the one-hot label of a conditional model. */
    public int generatorInputSize() {
        return latentSize + classes;
    }

    /** The same model with other widths: {@code discriminator} null keeps both players at {@code generator}. */
    public ModelConfig withWidths(double generator, Double discriminator) {
        return new ModelConfig(architecture, latentSize, generator, leakySlope, dropout, batchNormMomentum,
                batchNormEpsilon, discriminator, classes, conditioning);
    }

    /** The same model with another discriminator dropout rate. */
    public ModelConfig withDropout(double rate) {
        return new ModelConfig(architecture, latentSize, width, leakySlope, rate, batchNormMomentum, batchNormEpsilon,
                discriminatorWidth, classes, conditioning);
    }

    /** The same model with another latent size. */
    public ModelConfig withLatentSize(int size) {
        return new ModelConfig(architecture, size, width, leakySlope, dropout, batchNormMomentum, batchNormEpsilon,
                discriminatorWidth, classes, conditioning);
    }

    /** The discriminator's width multiplier. */
    public double discriminatorScale() {
        return discriminatorWidth != null ? discriminatorWidth : width;
    }

    /** A discriminator channel count of the original scaled by its width, at least 1. */
    public int discriminatorChannels(int original) {
        return Math.max(1, (int) Math.round(original * discriminatorScale()));
    }

    /** A channel count of the original scaled by the width, at least 1. */
    public int channels(int original) {
        return Math.max(1, (int) Math.round(original * width));
    }
}
