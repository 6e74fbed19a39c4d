package io.digitgan.core.model;

/**
 * Arithmetic of the models, from the layer sizes: multiply-adds of one forward pass per image,
 * and the floating-point operations of one training step.
 *
 * <p>Convention (the usual one): a forward pass is 2 FLOPs per multiply-add, and the backward pass
 * of a layer costs twice its forward (input and weight gradients). A training step is one
 * generator pass and three discriminator passes (on G(z) for the generator, on real and generated
 * images for itself), all backpropagated. Elementwise work (BatchNorm, activations) is left out;
 * it is small beside the convolutions. The zero filters added by {@link SafeConvolution} are not
 * counted: they are overhead, not model arithmetic.
 */
public final class FlopCount {

    private FlopCount() {}

    public static long generatorMacsPerImage(ModelConfig c) {
        long c0 = c.channels(256);
        long c1 = c.channels(128);
        long c2 = c.channels(64);
        long k = (long) DcganModels.KERNEL * DcganModels.KERNEL;
        long s = DcganModels.START_SIZE;
        long dense = (long) c.latentSize() * c0 * s * s;
        long t1 = s * s * c0 * c1 * k; // a transposed conv scatters every input pixel through the kernel
        long t2 = s * s * c1 * c2 * k;
        long t3 = (2 * s) * (2 * s) * c2 * k;
        return dense + t1 + t2 + t3;
    }

    public static long discriminatorMacsPerImage(ModelConfig c) {
        long c1 = c.channels(64);
        long c2 = c.channels(128);
        long k = (long) DcganModels.KERNEL * DcganModels.KERNEL;
        long half = ModelConfig.IMAGE_SIZE / 2;
        long quarter = ModelConfig.IMAGE_SIZE / 4;
        long conv1 = half * half * c1 * k;
        long conv2 = quarter * quarter * c2 * c1 * k;
        long dense = quarter * quarter * c2;
        return conv1 + conv2 + dense;
    }

    /** FLOPs of one training step of {@code batch} images. */
    public static double trainingStepFlops(ModelConfig c, int batch) {
        double forward = 2.0 * batch * (generatorMacsPerImage(c) + 3.0 * discriminatorMacsPerImage(c));
        return 3.0 * forward;
    }
}
