package io.digitgan.core.cli;

import ai.djl.Device;
import io.digitgan.core.data.Dataset;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.core.quality.EvaluatorManifest;
import io.digitgan.core.quality.EvaluatorStore;
import io.digitgan.core.quality.EvaluatorTrainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code train-evaluator}: trains a dataset's evaluator of the quality figures, unless it exists. */
final class TrainEvaluatorCommand {

    static final String USAGE = String.join("\n",
            "usage: train-evaluator [options]",
            "",
            "Trains a dataset's evaluator (LeNet-style; a few minutes on 2 cores) and writes it with its test",
            "accuracy, the test images' feature statistics and the real-data floor. Does nothing when one exists.",
            "",
            "  --evaluator-dir DIR the artifact's home (data/evaluator)",
            "  --dataset D         mnist (the default; evaluator lenet-v1) or fashion-mnist (fashion-lenet-v1)",
            "  --data-dir DIR      the dataset's idx files (data/mnist, data/fashion-mnist)",
            "  --epochs N          passes over the 60,000 images (6)",
            "  --threads N         intra-op threads of libtorch (all cores)",
            "  --device D          auto, cpu or gpu (auto)",
            "To train it again, delete its folder first.");

    private TrainEvaluatorCommand() {}

    static int run(List<String> args) throws IOException {
        CommandArgs a = CommandArgs.parse(args, Set.of("--evaluator-dir", "--dataset", "--data-dir", "--epochs", "--threads", "--device"));
        if (a.help) {
            System.out.println(USAGE);
            return 0;
        }
        if (!a.positional.isEmpty()) {
            throw new IllegalArgumentException("unexpected argument '" + a.positional.get(0) + "'");
        }
        Dataset dataset = Dataset.of(a.get("--dataset", "mnist"));
        EvaluatorStore store = new EvaluatorStore(Path.of(a.get("--evaluator-dir", "data/evaluator")), dataset);
        if (store.exists()) {
            EvaluatorManifest m = store.manifest();
            System.out.printf("evaluator %s exists in %s: test accuracy %.4f, real-data FID %.3f%n", m.version(),
                    store.dir(), m.testAccuracy(), m.floor().fid());
            return 0;
        }
        DjlEngine.start(a.integer("--threads", 0));
        Device device = DjlEngine.device(a.get("--device", "auto"));
        EvaluatorTrainer.Options options = EvaluatorTrainer.Options.standard();
        options = options.withEpochs(a.integer("--epochs", options.epochs()));
        EvaluatorManifest m = store.train(Path.of(a.get("--data-dir", dataset.folderIn(Path.of("data")).toString())),
                device, options);
        System.out.printf("evaluator %s in %s: test accuracy %.4f, trained in %.0f s%n", m.version(), store.dir(),
                m.testAccuracy(), m.trainingSeconds());
        System.out.printf("real-data floor (10,000 training images vs the test set): FID %.3f, score %.3f,"
                + " %d/10 classes covered%n", m.floor().fid(), m.floor().mnistScore(), m.floor().digitsCovered());
        return 0;
    }
}
