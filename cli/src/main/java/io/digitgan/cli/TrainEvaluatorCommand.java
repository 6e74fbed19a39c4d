package io.digitgan.cli;

import ai.djl.Device;
import io.digitgan.core.data.Dataset;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.core.quality.EvaluatorManifest;
import io.digitgan.core.quality.EvaluatorStore;
import io.digitgan.core.quality.EvaluatorTrainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train-evaluator}: trains a dataset's evaluator of the quality figures, unless it exists. */
@Command(name = "train-evaluator",
        description = {"Trains a dataset's evaluator (LeNet-style; a few minutes on 2 cores) and writes it with its test"
                + " accuracy, the test images' feature statistics and the real-data floor.",
                "Does nothing when one exists: to train it again, delete its folder first."})
final class TrainEvaluatorCommand implements Callable<Integer> {

    @Option(names = "--evaluator-dir", paramLabel = "DIR", description = "the artifacts' home")
    Path evaluatorDir = Path.of("data/evaluator");
    @Option(names = "--dataset", paramLabel = "D", description = "mnist (evaluator lenet-v1) or fashion-mnist (fashion-lenet-v1)")
    Dataset dataset = Dataset.MNIST;
    @Option(names = "--data-dir", paramLabel = "DIR", description = "the dataset's idx files (data/mnist, data/fashion-mnist)")
    Path dataDir;
    @Option(names = "--epochs", paramLabel = "N", description = "passes over the 60,000 images (6)")
    Integer epochs;
    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws IOException {
        EvaluatorStore store = new EvaluatorStore(evaluatorDir, dataset);
        if (store.exists()) {
            EvaluatorManifest m = store.manifest();
            System.out.printf("evaluator %s exists in %s: test accuracy %.4f, real-data FID %.3f%n", m.version(),
                    store.dir(), m.testAccuracy(), m.floor().fid());
            return 0;
        }
        DjlEngine.start(engine.threads);
        Device device = DjlEngine.device(engine.device);
        EvaluatorTrainer.Options options = EvaluatorTrainer.Options.standard();
        if (epochs != null) {
            options = options.withEpochs(epochs);
        }
        EvaluatorManifest m = store.train(dataDir != null ? dataDir : dataset.folderIn(Path.of("data")), device, options);
        System.out.printf("evaluator %s in %s: test accuracy %.4f, trained in %.0f s%n", m.version(), store.dir(),
                m.testAccuracy(), m.trainingSeconds());
        System.out.printf("real-data floor (10,000 training images vs the test set): FID %.3f, score %.3f,"
                + " %d/10 classes covered%n", m.floor().fid(), m.floor().mnistScore(), m.floor().digitsCovered());
        return 0;
    }
}
