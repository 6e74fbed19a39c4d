package io.digitgan.core.checkpoint;

import java.io.IOException;

/** The checkpoint store cannot be used as configured; the message names the setting to fix. */
public class StoreUnavailableException extends IOException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
