package io.digitgan.core.train;

import java.nio.file.Path;

/** A loss became NaN or infinite; the run was stopped and nothing after the last good checkpoint was kept. */
public class NonFiniteLossException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path lastGoodCheckpoint;

    public NonFiniteLossException(String what, int epoch, int step, Path lastGoodCheckpoint) {
        super(what + " became " + "non-finite at epoch " + epoch + ", step " + step
                + "; training was stopped. "
                + (lastGoodCheckpoint == null
                        ? "No checkpoint was written before it."
                        : "The last good checkpoint is " + lastGoodCheckpoint + "; resume from it with a lower"
                                + " learning rate or a different seed."));
        this.lastGoodCheckpoint = lastGoodCheckpoint;
    }

    public Path lastGoodCheckpoint() {
        return lastGoodCheckpoint;
    }
}
