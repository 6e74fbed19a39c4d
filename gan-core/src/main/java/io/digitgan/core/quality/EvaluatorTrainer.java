package io.digitgan.core.quality;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.digitgan.core.data.BatchSampler;
import io.digitgan.core.data.MnistDataset;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.core.system.HumanDuration;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the {@link EvaluatorNet} on MNIST with Adam and softmax cross-entropy, logging epoch,
 * step, loss, accuracy, rate and ETA.
 */
public final class EvaluatorTrainer {

    private static final Logger LOG = LoggerFactory.getLogger("digitgan.evaluator");

    /**
     * @param epochs passes over the images; the learning rate drops to 20 % for the last third
     * @param maxImages train on the first N images only (0 = all): small evaluators for tests
     * @param batchSize images per step
     * @param learningRate Adam's learning rate
     * @param seed shuffling and initialisation
     * @param logEvery a progress line every N steps
     */
    public record Options(int epochs, int maxImages, int batchSize, double learningRate, long seed, int logEvery) {

        /** The recipe of the published evaluator: ≥ 99 % on the test images in a few minutes on 2 cores. */
        public static Options standard() {
            return new Options(6, 0, 128, 1e-3, 20_261_129L, 100);
        }

        public Options withEpochs(int n) {
            return new Options(n, maxImages, batchSize, learningRate, seed, logEvery);
        }

        public Options withMaxImages(int n) {
            return new Options(epochs, n, batchSize, learningRate, seed, logEvery);
        }
    }

    private EvaluatorTrainer() {}

    /** Trains a fresh evaluator and writes its parameters to {@code out}. */
    public static void train(MnistDataset data, Options options, Device device, DataOutputStream out)
            throws IOException {
        MnistDataset train = options.maxImages() > 0 ? data.limit(options.maxImages()) : data;
        int batch = options.batchSize();
        int stepsPerEpoch = train.size() / batch;
        if (stepsPerEpoch < 1) {
            throw new IllegalArgumentException("batch size " + batch + " exceeds the " + train.size() + " images");
        }
        ai.djl.engine.Engine.getEngine(DjlEngine.ENGINE_NAME).setRandomSeed((int) options.seed());
        EvaluatorNet.Parts net = EvaluatorNet.build();
        // the last third of the epochs at a fifth of the rate: the last few tenths of a percent
        int decayStart = (options.epochs() - options.epochs() / 3) * stepsPerEpoch;
        float lr = (float) options.learningRate();
        Tracker schedule = update -> update >= decayStart ? lr * 0.2f : lr;
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(schedule).build())
                .optDevices(new Device[] {device});
        ByteBuffer images = ByteBuffer.allocateDirect(batch * Evaluator.PIXELS * Float.BYTES).order(ByteOrder.nativeOrder());
        float[] scratch = new float[Evaluator.PIXELS];
        long[] labels = new long[batch];
        Random random = new Random(options.seed());
        long start = System.nanoTime();
        int totalSteps = options.epochs() * stepsPerEpoch;
        try (Model model = Model.newInstance("evaluator", device)) {
            model.setBlock(net.whole());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(EvaluatorNet.input(batch));
                int done = 0;
                for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                    int[] order = BatchSampler.permutation(train.size(), random);
                    double lossSum = 0;
                    int correct = 0;
                    int seen = 0;
                    for (int step = 1; step <= stepsPerEpoch; step++) {
                        images.clear();
                        for (int i = 0; i < batch; i++) {
                            int index = order[(step - 1) * batch + i];
                            train.copyScaled(index, scratch, 0);
                            images.asFloatBuffer().position(i * Evaluator.PIXELS).put(scratch);
                            labels[i] = train.label(index);
                        }
                        try (NDManager stepManager = model.getNDManager().newSubManager(device)) {
                            NDArray x = stepManager.create(images, EvaluatorNet.input(batch), DataType.FLOAT32);
                            NDArray y = stepManager.create(labels, new Shape(batch));
                            try (GradientCollector collector = trainer.newGradientCollector()) {
                                NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                                NDArray loss = trainer.getLoss().evaluate(new NDList(y), new NDList(logits));
                                collector.backward(loss);
                                lossSum += loss.getFloat();
                                correct += (int) logits.argMax(1).eq(y).sum().getLong();
                                seen += batch;
                            }
                            trainer.step();
                        }
                        done++;
                        if (step % options.logEvery() == 0 || step == stepsPerEpoch) {
                            double seconds = (System.nanoTime() - start) / 1e9;
                            double rate = (double) done * batch / seconds;
                            LOG.info(String.format(
                                    "evaluator epoch %d/%d step %d/%d | loss %.4f | train accuracy %.4f | %.0f img/s | ETA %s",
                                    epoch, options.epochs(), step, stepsPerEpoch, lossSum / step, (double) correct / seen,
                                    rate, HumanDuration.of((totalSteps - done) * batch / rate)));
                        }
                    }
                }
            }
            net.whole().saveParameters(out);
        }
    }
}
