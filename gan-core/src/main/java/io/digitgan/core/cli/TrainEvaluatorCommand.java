package io.digitgan.core.cli;

import ai.djl.Device;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.core.quality.EvaluatorManifest;
import io.digitgan.core.quality.EvaluatorStore;
import io.digitgan.core.quality.EvaluatorTrainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code train-evaluator}: trains the MNIST evaluator of the quality figures, unless it exists. */
final class TrainEvaluatorCommand {

    static final String USAGE = String.join("\n",
            "usage: train-evaluator [options]",
            "",
            "Trains the MNIST evaluator (LeNet-style; a few minutes on 2 cores) and writes it with its test",
            "accuracy, the test images' feature statistics and the real-data floor. Does nothing when one exists.",
            "",
            "  --evaluator-dir DIR the artifact's home (data/evaluator)",
            "  --data-dir DIR      MNIST idx files (data/mnist)",
            "  --epochs N          passes over the 60,000 images (6)",
            "  --threads N         intra-op threads of libtorch (all cores)",
            "  --device D          auto, cpu or gpu (auto)",
            "To train it again, delete its folder first.");

    private TrainEvaluatorCommand() {}

    static int run(List<String> args) throws IOException {
        CommandArgs a = CommandArgs.parse(args, Set.of("--evaluator-dir", "--data-dir", "--epochs", "--threads", "--device"));
        if (a.help) {
            System.out.println(USAGE);
            return 0;
        }
        if (!a.positional.isEmpty()) {
            throw new IllegalArgumentException("unexpected argument '" + a.positional.get(0) + "'");
        }
        EvaluatorStore store = new EvaluatorStore(Path.of(a.get("--evaluator-dir", "data/evaluator")));
        if (store.exists()) {
            EvaluatorManifest m = store.manifest();
            System.out.printf("evaluator %s exists in %s: test accuracy %.4f, real-data FID-MNIST %.3f%n", m.version(),
                    store.dir(), m.testAccuracy(), m.floor().fid());
            return 0;
        }
        DjlEngine.start(a.integer("--threads", 0));
        Device device = DjlEngine.device(a.get("--device", "auto"));
        EvaluatorTrainer.Options options = EvaluatorTrainer.Options.standard();
        options = options.withEpochs(a.integer("--epochs", options.epochs()));
        EvaluatorManifest m = store.train(Path.of(a.get("--data-dir", "data/mnist")), device, options);
        System.out.printf("evaluator %s in %s: test accuracy %.4f, trained in %.0f s%n", m.version(), store.dir(),
                m.testAccuracy(), m.trainingSeconds());
        System.out.printf("real-data floor (10,000 training images vs the test set): FID-MNIST %.3f, MNIST score %.3f,"
                + " %d/10 digits covered%n", m.floor().fid(), m.floor().mnistScore(), m.floor().digitsCovered());
        return 0;
    }
}
