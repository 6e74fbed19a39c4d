package io.digitgan.core.data;

import java.io.IOException;
import java.nio.file.Path;

/** An idx file that is missing, empty, truncated or not what was expected; names the file. */
public class IdxFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public IdxFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public IdxFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
