package io.digitgan.dashboard.state;

/**
 * What the browser's event stream carries: an id (for Last-Event-ID), a name (runs, metrics,
 * samples, checkpoints) and a small JSON payload (samples carry only run and epoch; the browser
 * fetches the PNG by URL).
 */
public record StreamEvent(long id, String name, String json) {}
