package io.digitgan.events;

/** (runId, type, epoch, step): equal keys are the same event delivered again. */
public record DedupeKey(String runId, String type, int epoch, long step) {}
