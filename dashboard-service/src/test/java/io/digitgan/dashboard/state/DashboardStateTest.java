package io.digitgan.dashboard.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.digitgan.dashboard.DashboardSettings;
import io.digitgan.events.RunEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the dashboard remembers to drop redeliveries: a window of the latest events, not all since the start. */
class DashboardStateTest {

    static final DashboardSettings SETTINGS = new DashboardSettings() {
        public String generatorUrl() { return "http://127.0.0.1:1"; }
        public int maxProgressPoints() { return 100; }
        public int maxSystemPoints() { return 100; }
        public int streamBacklog() { return 10; }
        public Duration streamHeartbeat() { return Duration.ofSeconds(20); }
        public Duration staleAfter() { return Duration.ofSeconds(60); }
        public int openRuns() { return 2; }
        public Duration openTimeout() { return Duration.ofSeconds(1); }
    };

    @Test
    void aRedeliveryIsDroppedWithinTheWindowAndTheWindowStaysBounded() {
        DashboardState state = new DashboardState(SETTINGS, (runId, from, to) -> List.of());
        try {
            RunEvent first = RunEvent.completed("run-0", 3);
            assertTrue(state.apply(first));
            assertFalse(state.apply(first), "redelivered at once: dropped");
            for (int i = 1; i <= DashboardState.DEDUPE_WINDOW; i++) {
                state.apply(RunEvent.completed("run-" + i, 3));
            }
            assertTrue(state.apply(first), "forgotten once the window moved on: the memory does not grow without end");
            assertEquals(1, state.runs(new RunQuery("run-0", null, null, null, "started", 0, null)).total());
        } finally {
            state.close();
        }
    }
}
