package io.digitgan.kafka;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for servers a test or the local run starts a moment later (a broker, a service's JVM, an
 * S3 server that must come back on the same port after an outage).
 *
 * <p>Not {@code new ServerSocket(0)}: that port comes from the kernel's ephemeral range, the range
 * every outgoing connection on the machine also takes its local port from, so in the seconds
 * before a JVM binds it (or while a stopped server is down) a client's connection can hold it:
 * "port in use" (seen on CI with the tests side by side). These ports come from below that range
 * (32768 and up on Linux, 49152 and up on macOS and Windows), which the kernel never hands out,
 * in turn from a random start so that processes picking at once stay apart, and each one free
 * when it is handed out and never handed out twice by this JVM.
 */
public final class FreePorts {

    static final int FIRST = 20_000;
    static final int END = 32_768; // the start of Linux's default ephemeral range

    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(END - FIRST));

    private FreePorts() {
    }

    /** A port that nothing listens on now and that this JVM has not handed out before. */
    public static int next() {
        for (int tries = 0; tries < END - FIRST; tries++) {
            int port = FIRST + Math.floorMod(NEXT.getAndIncrement(), END - FIRST);
            if (free(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + FIRST + "-" + (END - 1));
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false); // a port with a connection left in TIME_WAIT is skipped too
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
