package io.digitgan.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void portsComeFromBelowTheEphemeralRangeNeverTwiceAndFreeToListenOn() throws IOException {
        Set<Integer> handedOut = new HashSet<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                int port = FreePorts.next();
                assertTrue(port >= FreePorts.FIRST && port < FreePorts.END, port + " is below the ephemeral range");
                assertTrue(handedOut.add(port), port + " handed out twice");
                held.add(new ServerSocket(port)); // free: a server listens on it, and keeps it taken for the next picks
            }
            assertEquals(200, handedOut.size());
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }
}
