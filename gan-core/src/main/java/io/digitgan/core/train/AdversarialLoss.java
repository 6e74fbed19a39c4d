package io.digitgan.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import io.digitgan.core.config.GanConfig;

/**
 * The adversarial objective of both players, from the discriminator's logits.
 *
 * <ul>
 *   <li>{@code bce}: the report's non-saturating cross-entropy, DJL's {@link SigmoidBinaryCrossEntropyLoss}
 *       on logits (max(x,0) − x·y + log(1 + e^−|x|)), with the config's labels (0.9 = one-sided smoothing);
 *   <li>{@code hinge}: D minimises mean relu(1 − D(x)) + mean relu(1 + D(G(z))), G minimises −mean D(G(z));
 *   <li>{@code lsgan}: least squares, ½·mean (D(x) − real)² + ½·mean (D(G(z)) − fake)², G ½·mean (D(G(z)) − target)².
 * </ul>
 */
abstract class AdversarialLoss {

    static AdversarialLoss of(GanConfig config) {
        Targets targets = new Targets((float) config.realLabel(), (float) config.fakeLabel(),
                (float) config.generatorTarget());
        return switch (config.loss()) {
            case BCE -> new CrossEntropy(targets);
            case HINGE -> new Hinge();
            case LSGAN -> new LeastSquares(targets);
        };
    }

    /** The discriminator's loss on real and on generated images. */
    abstract NDArray discriminator(NDArray realLogits, NDArray fakeLogits);

    /** The generator's loss on the discriminator's logits of its images. */
    abstract NDArray generator(NDArray fakeLogits);

    /** What D wants for real and for generated images, and what G wants D to say of its images. */
    private record Targets(float real, float fake, float generator) {}

    private static final class CrossEntropy extends AdversarialLoss {
        private final SigmoidBinaryCrossEntropyLoss bce = new SigmoidBinaryCrossEntropyLoss("bce", 1f, false);
        private final Targets targets;

        CrossEntropy(Targets targets) {
            this.targets = targets;
        }

        private NDArray bce(NDArray logits, float label) {
            NDArray labels = logits.getManager().full(logits.getShape(), label);
            return bce.evaluate(new NDList(labels), new NDList(logits));
        }

        @Override
        NDArray discriminator(NDArray realLogits, NDArray fakeLogits) {
            return bce(realLogits, targets.real()).add(bce(fakeLogits, targets.fake()));
        }

        @Override
        NDArray generator(NDArray fakeLogits) {
            return bce(fakeLogits, targets.generator());
        }
    }

    private static final class Hinge extends AdversarialLoss {
        @Override
        NDArray discriminator(NDArray realLogits, NDArray fakeLogits) {
            return realLogits.neg().add(1f).maximum(0f).mean().add(fakeLogits.add(1f).maximum(0f).mean());
        }

        @Override
        NDArray generator(NDArray fakeLogits) {
            return fakeLogits.mean().neg();
        }
    }

    private static final class LeastSquares extends AdversarialLoss {
        private final Targets targets;

        LeastSquares(Targets targets) {
            this.targets = targets;
        }

        private static NDArray halfSquare(NDArray logits, float label) {
            return logits.sub(label).square().mean().mul(0.5f);
        }

        @Override
        NDArray discriminator(NDArray realLogits, NDArray fakeLogits) {
            return halfSquare(realLogits, targets.real()).add(halfSquare(fakeLogits, targets.fake()));
        }

        @Override
        NDArray generator(NDArray fakeLogits) {
            return halfSquare(fakeLogits, targets.generator());
        }
    }
}
