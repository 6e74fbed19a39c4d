package io.digitgan.trainer.messaging;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded buffer between training and Kafka. Training never waits for Kafka: it adds and
 * goes on. When the buffer is full, the oldest droppable event (PROGRESS, SYSTEM) makes room;
 * EPOCH, sample, checkpoint and lifecycle events are never dropped, so the buffer may grow past
 * its capacity with them rather than lose one.
 */
public final class EventOutbox {

    private final int capacity;
    private final Deque<OutboundEvent> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private long dropped;

    public EventOutbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    public void add(OutboundEvent event) {
        lock.lock();
        try {
            if (queue.size() >= capacity && !dropOldestDroppable() && event.droppable()) {
                dropped++;
                return; // full of events that must not be lost: the new progress point goes
            }
            queue.addLast(event);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    private boolean dropOldestDroppable() {
        for (Iterator<OutboundEvent> it = queue.iterator(); it.hasNext(); ) {
            if (it.next().droppable()) {
                it.remove();
                dropped++;
                return true;
            }
        }
        return false;
    }

    /** The oldest event, left in place until {@link #remove} confirms it was sent; null on timeout. */
    public OutboundEvent peek(long timeout, TimeUnit unit) throws InterruptedException {
        lock.lock();
        try {
            long nanos = unit.toNanos(timeout);
            while (queue.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return queue.peekFirst();
        } finally {
            lock.unlock();
        }
    }

    /** Removes {@code event} once it has been delivered (unless it was dropped meanwhile). */
    public void remove(OutboundEvent event) {
        lock.lock();
        try {
            if (queue.peekFirst() == event) {
                queue.pollFirst();
            } else {
                queue.remove(event);
            }
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }
}
