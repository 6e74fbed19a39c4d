package io.digitgan.service.api;

import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;

/**
 * Whether an error only says that the client went away (closed the connection or reset it while
 * its body was being read or the answer written): a 4xx of the client's making, never an ERROR.
 */
final class ClientAbort {

    private ClientAbort() {}

    static boolean is(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpClosedException || t instanceof ClosedChannelException || t instanceof EOFException) {
                return true;
            }
            String message = t.getMessage() == null ? "" : t.getMessage();
            if ((t instanceof VertxException || t instanceof IOException)
                    && (message.contains("Connection was closed") || message.contains("Connection reset")
                            || message.contains("Broken pipe"))) {
                return true;
            }
        }
        return false;
    }
}
