package io.digitgan.dashboard.state;

import io.digitgan.events.CheckpointEvent;
import io.digitgan.events.MetricsEvent;
import io.digitgan.events.Quality;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Several runs side by side: each one's config (flattened to dotted keys), the keys whose values
 * differ between them, its best checkpoint and its newest figures, as the comparison table shows
 * them.
 *
 * @param differing the config keys whose values are not the same in every run, in order
 */
public record RunComparison(List<Row> runs, List<String> differing) {

    /**
     * One run's line.
     *
     * @param config every config value, by dotted key ({@code model.width})
     * @param best its best checkpoint (by the served weights' FID), null before any was measured
     * @param figures the newest measured epoch's served figures, null before any
     * @param imagesPerSecond the mean of its epochs' rates
     * @param minutes from its start to its newest epoch
     */
    public record Row(String runId, String status, Map<String, Object> config, CheckpointEvent.Best best,
            Figures figures, Double imagesPerSecond, Double minutes, int lastEpoch) {}

    /** A measured epoch's figures, of the weights the generator serves (averaged when the run keeps them). */
    public record Figures(int epoch, Double fid, Double mnistScore, Double classAccuracy, Double fidFloor) {}

    /** Compares the runs in the order given. */
    public static RunComparison of(List<RunView> views) {
        List<Row> rows = new ArrayList<>();
        for (RunView v : views) {
            rows.add(row(v));
        }
        TreeSet<String> keys = new TreeSet<>();
        rows.forEach(r -> keys.addAll(r.config().keySet()));
        List<String> differing = new ArrayList<>();
        for (String key : keys) {
            if (rows.stream().map(r -> r.config().get(key)).distinct().count() > 1) {
                differing.add(key);
            }
        }
        return new RunComparison(rows, differing);
    }

    private static Row row(RunView v) {
        Map<String, Object> config = new TreeMap<>();
        flatten("", v.config() == null ? Map.of() : v.config(), config);
        CheckpointEvent.Best best = v.checkpoints().stream().map(CheckpointEvent::best).filter(Objects::nonNull)
                .reduce((a, b) -> b).orElse(null);
        Figures figures = null;
        for (MetricsEvent e : v.epochs()) {
            Quality q = served(e);
            if (q != null && q.fid() != null) {
                figures = new Figures(e.epoch(), q.fid(), q.mnistScore(), q.classAccuracy(),
                        q.floor() == null ? null : q.floor().fid());
            }
        }
        Double rate = v.epochs().stream().map(MetricsEvent::imagesPerSecond).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).average().stream().boxed().findFirst().orElse(null);
        Double minutes = v.epochs().isEmpty() || v.startedAt() == null ? null
                : Duration.between(v.startedAt(), v.epochs().get(v.epochs().size() - 1).timestamp()).toMillis() / 60_000.0;
        return new Row(v.runId(), v.status(), config, best, figures, rate, minutes, v.lastEpoch());
    }

    /** The figures of the weights a generator serves: the averaged ones when measured, else the raw ones. */
    static Quality served(MetricsEvent e) {
        return served(e.quality(), e.emaQuality());
    }

    /** As {@link #served(MetricsEvent)}, of an epoch's raw and averaged figures (a checkpoint's too). */
    static Quality served(Quality raw, Quality averaged) {
        return averaged != null && averaged.fid() != null ? averaged : raw;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> values, Map<String, Object> out) {
        values.forEach((k, v) -> {
            if (v instanceof Map<?, ?> nested) {
                flatten(prefix + k + ".", (Map<String, Object>) nested, out);
            } else if (v != null) {
                out.put(prefix + k, v);
            }
        });
    }
}
