package io.digitgan.dashboard.state;

import java.util.List;

/** One page of a run list, and how many runs matched in all. */
public record RunPage(List<RunSummary> runs, int total) {}
