package io.digitgan.dashboard.state;

import java.util.Comparator;
import java.util.Locale;

/**
 * Which runs a list asks for, and in what order: a text in the run's id, a status, a dataset, a sweep,
 * sorted newest first or by best FID, one page of them.
 *
 * @param text part of the run id, any case (null: any)
 * @param status a status as the list shows it, INTERRUPTED included (null: any)
 * @param dataset a dataset id (null: any)
 * @param sweep a sweep's name (null: any run)
 * @param sort {@code started} (newest first) or {@code fid} (lowest best FID first, unmeasured last)
 * @param offset runs skipped
 * @param limit runs returned at most (null: all)
 */
public record RunQuery(String text, String status, String dataset, String sweep, String sort, int offset, Integer limit) {

    public static final String BY_START = "started";
    public static final String BY_FID = "fid";

    /** Every run, newest first. */
    public static RunQuery all() {
        return new RunQuery(null, null, null, null, BY_START, 0, null);
    }

    boolean matches(RunSummary run) {
        return (text == null || run.runId().toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT)))
                && (status == null || status.equalsIgnoreCase(run.status()))
                && (dataset == null || dataset.equalsIgnoreCase(run.dataset()))
                && (sweep == null || sweep.equals(run.sweep()));
    }

    Comparator<RunSummary> order() {
        Comparator<RunSummary> newest = Comparator.comparing(RunSummary::startedAt,
                Comparator.nullsLast(Comparator.reverseOrder()));
        if (BY_FID.equals(sort)) {
            return Comparator.comparing(RunSummary::bestFid, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(newest);
        }
        return newest.thenComparing(RunSummary::runId);
    }
}
