package io.digitgan.core.quality;

import java.io.IOException;
import java.nio.file.Path;

/** No evaluator artifact where one was expected. */
public final class EvaluatorMissingException extends IOException {

    public EvaluatorMissingException(Path dir) {
        super("no MNIST evaluator in " + dir + ": train it with scripts/train-evaluator.sh (a few minutes),"
                + " or let the trainer train it on first use");
    }
}
