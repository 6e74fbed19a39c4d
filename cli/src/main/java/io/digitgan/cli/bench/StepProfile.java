package io.digitgan.cli.bench;

import ai.djl.Device;
import io.digitgan.core.config.Profile;
import io.digitgan.core.config.GanConfig;
import io.digitgan.core.data.MnistDataset;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.core.model.ModelConfig;
import io.digitgan.core.train.Durations;
import io.digitgan.core.train.GanTrainer;
import io.digitgan.core.train.StepMetrics;
import io.digitgan.core.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a training step's time goes: the real {@link GanTrainer} step timed phase by phase with a
 * {@link PhaseClock}, then every layer of the same trainer's models timed alone ({@link LayerTimer}). Prints one
 * JSON line per phase and per layer, for {@code scripts/profile-step.sh} to turn into tables.
 *
 * <p>Arguments: threads, recipe ({@code original} or {@code cpu}), widths (comma-separated), batch
 * size, warm-up steps, timed steps.
 */
public final class StepProfile {

    private StepProfile() {}

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        String recipe = args[1];
        String[] widths = args[2].split(",");
        int batch = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        int timed = Integer.parseInt(args[5]);
        DjlEngine.start(threads);
        MnistDataset data = BenchData.load();
        for (String w : widths) {
            double width = Double.parseDouble(w);
            GanConfig config = GanConfig.profile(Profile.of(recipe)).toBuilder().model(ModelConfig.original(width)).epochs(1)
                    .batchSize(batch).maxImages(batch * (warmup + timed)).seed(1).build();
            String label = String.format(Locale.ROOT, "\"recipe\":\"%s\",\"width\":%s,\"threads\":%d,\"batch\":%d",
                    recipe, w, threads, batch);
            try (GanTrainer trainer = GanTrainer.start("profile", config, data, Device.cpu(), null)) {
                profileSteps(trainer, warmup, label);
                for (LayerTimer.LayerTime t : LayerTimer.time(trainer, batch, 3, Math.max(5, timed / 2))) {
                    System.out.println(String.format(Locale.ROOT,
                            "{\"profile\":\"layer\",%s,\"model\":\"%s\",\"index\":%d,\"layer\":\"%s\",\"output\":\"%s\","
                                    + "\"forwardMs\":%.3f,\"backwardMs\":%.3f,\"gflop\":%.4f}",
                            label, t.model(), t.index(), t.layer(), t.output(), t.forwardMs(), t.backwardMs(),
                            t.flops() / 1e9));
                }
            }
        }
    }

    /** Trains {@code trainer}'s one epoch, timing its phases after {@code warmup} steps. */
    private static void profileSteps(GanTrainer trainer, int warmup, String label) {
        PhaseClock clock = new PhaseClock();
        List<Double> stepMillis = new ArrayList<>();
        trainer.timePhases(clock);
        trainer.addListener(new TrainingListener() {
            @Override
            public void onStep(StepMetrics s) {
                if (s.step() == warmup) {
                    clock.reset();
                } else if (s.step() > warmup) {
                    stepMillis.add(s.stepMillis());
                }
            }
        });
        trainer.train();
        double sumOfMedians = 0;
        for (Durations p : clock.phases().values()) {
            sumOfMedians += p.medianMillis();
        }
        for (Map.Entry<String, Durations> e : clock.phases().entrySet()) {
            Durations p = e.getValue();
            System.out.println(String.format(Locale.ROOT,
                    "{\"profile\":\"phase\",%s,\"phase\":\"%s\",\"medianMs\":%.3f,\"meanMs\":%.3f,\"share\":%.4f}",
                    label, e.getKey(), p.medianMillis(), p.totalMillis() / p.count(), p.medianMillis() / sumOfMedians));
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"profile\":\"step\",%s,\"steps\":%d,\"sumOfPhaseMediansMs\":%.2f,\"medianStepMs\":%.2f,\"arraysPerStep\":%.1f}",
                label, clock.steps(), sumOfMedians, TrainBenchmark.median(stepMillis), clock.arraysPerStep()));
    }
}
