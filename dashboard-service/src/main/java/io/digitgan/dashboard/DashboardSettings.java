package io.digitgan.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The dashboard's configuration, under {@code digitgan.dashboard.*}. */
@ConfigMapping(prefix = "digitgan.dashboard")
public interface DashboardSettings {

    /** Where the generator-service answers; the dashboard server calls it, never the browser. */
    @WithDefault("http://localhost:8082")
    String generatorUrl();

    /** PROGRESS points kept per run; beyond it they are thinned (every other one), EPOCH points never. */
    @WithDefault("2000")
    int maxProgressPoints();

    /** SYSTEM samples kept per run. */
    @WithDefault("360")
    int maxSystemPoints();

    /** Stream events kept for browsers that reconnect with Last-Event-ID. */
    @WithDefault("20000")
    int streamBacklog();

    /** How often an open event stream gets a comment line: more often than the HTTP idle timeout. */
    @WithDefault("20s")
    java.time.Duration streamHeartbeat();

    /**
     * A RUNNING run with no event for this long is shown as INTERRUPTED: its trainer is gone (a
     * training trainer sends SYSTEM figures every 10 s). It resumes at the trainer's next start.
     */
    @WithDefault("60s")
    java.time.Duration staleAfter();

    /**
     * Runs whose series (charts, sample grids, checkpoints) are kept in memory, the most recently
     * opened; every other run is a record of a few kB, its series read from the topics when opened.
     */
    @WithDefault("32")
    int openRuns();

    /** How long opening a run may take to read its series from the topics before the answer is a 503. */
    @WithDefault("30s")
    java.time.Duration openTimeout();
}
