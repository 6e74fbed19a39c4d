package io.digitgan.core.quality;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import io.digitgan.core.model.Conv2dBlock;
import io.digitgan.core.model.ModelConfig;

/**
 * The evaluator network, a LeNet-style classifier, trained once per dataset. Its 128-unit hidden
 * layer is the feature space of the FID (FID-MNIST on MNIST); its softmax gives the score and the
 * class coverage.
 *
 * <pre>
 * (1,28,28) → Conv(32,k3) → ReLU → MaxPool 2 → Conv(64,k3) → ReLU → MaxPool 2 → Flatten
 *           → Dense(128) → ReLU  = features
 *           → Dropout(0.3) → Dense(10) = logits
 * </pre>
 *
 * Images are in [-1, 1], the scale the generator draws in. A change here is a new version of every
 * dataset's artifact ({@link io.digitgan.core.data.Dataset#evaluatorVersion()}): figures of
 * different versions are not comparable.
 */
public final class EvaluatorNet {

    public static final int FEATURES = 128;
    public static final int CLASSES = 10;

    /** The two halves of the network; {@code whole} chains them (with dropout) for training. */
    public record Parts(SequentialBlock features, SequentialBlock head, SequentialBlock whole) {}

    private EvaluatorNet() {}

    public static Parts build() {
        SequentialBlock features = new SequentialBlock()
                .add(new Conv2dBlock(32, 3, 1, true))
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(new Conv2dBlock(64, 3, 1, true))
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(FEATURES).build())
                .add(Activation.reluBlock());
        SequentialBlock head = new SequentialBlock()
                .add(Dropout.builder().optRate(0.3f).build())
                .add(Linear.builder().setUnits(CLASSES).build());
        SequentialBlock whole = new SequentialBlock().add(features).add(head);
        return new Parts(features, head, whole);
    }

    public static Shape input(long batch) {
        return new Shape(batch, 1, ModelConfig.IMAGE_SIZE, ModelConfig.IMAGE_SIZE);
    }
}
