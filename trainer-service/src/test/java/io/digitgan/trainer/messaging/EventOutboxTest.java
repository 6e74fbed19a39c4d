package io.digitgan.trainer.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventOutboxTest {

    private static OutboundEvent progress(int i) {
        return new OutboundEvent("gan.training.metrics", "r", "progress " + i, true);
    }

    private static OutboundEvent epoch(int i) {
        return new OutboundEvent("gan.training.metrics", "r", "epoch " + i, false);
    }

    private static List<String> drain(EventOutbox outbox) throws InterruptedException {
        List<String> out = new ArrayList<>();
        OutboundEvent e;
        while ((e = outbox.peek(0, TimeUnit.MILLISECONDS)) != null) {
            out.add(e.json());
            outbox.remove(e);
        }
        return out;
    }

    @Test
    void whenFullTheOldestProgressGoesFirstAndEpochsAreNeverDropped() throws InterruptedException {
        EventOutbox outbox = new EventOutbox(3);
        outbox.add(progress(1));
        outbox.add(epoch(1));
        outbox.add(progress(2));
        outbox.add(progress(3)); // full: progress 1 makes room
        outbox.add(epoch(2)); // full: progress 2 makes room
        assertEquals(List.of("epoch 1", "progress 3", "epoch 2"), drain(outbox));
        assertEquals(2, outbox.dropped());
    }

    @Test
    void fullOfEventsThatMustNotBeLostItGrowsForThemAndDropsNewProgress() throws InterruptedException {
        EventOutbox outbox = new EventOutbox(2);
        outbox.add(epoch(1));
        outbox.add(epoch(2));
        outbox.add(progress(1)); // nothing droppable to make room: the progress point goes
        outbox.add(epoch(3)); // never lost
        assertEquals(List.of("epoch 1", "epoch 2", "epoch 3"), drain(outbox));
        assertEquals(1, outbox.dropped());
    }

    @Test
    void anEventStaysUntilRemovedSoAFailedSendIsRetriedInOrder() throws InterruptedException {
        EventOutbox outbox = new EventOutbox(10);
        outbox.add(epoch(1));
        outbox.add(epoch(2));
        OutboundEvent first = outbox.peek(0, TimeUnit.MILLISECONDS);
        assertEquals("epoch 1", first.json());
        assertEquals(first, outbox.peek(0, TimeUnit.MILLISECONDS), "not removed until acknowledged");
        outbox.remove(first);
        assertEquals("epoch 2", outbox.peek(0, TimeUnit.MILLISECONDS).json());
        outbox.remove(outbox.peek(0, TimeUnit.MILLISECONDS));
        assertNull(outbox.peek(10, TimeUnit.MILLISECONDS));
    }
}
