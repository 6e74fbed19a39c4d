package io.digitgan.core.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/** A checkpoint file is missing or its content does not match the sha256 in the manifest. */
public class ChecksumMismatchException extends IOException {

    private static final long serialVersionUID = 1L;

    public ChecksumMismatchException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
