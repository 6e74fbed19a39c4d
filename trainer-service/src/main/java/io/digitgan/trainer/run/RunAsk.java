package io.digitgan.trainer.run;

import io.digitgan.core.config.GanConfig;
import io.digitgan.core.data.Dataset;
import java.util.ArrayList;
import java.util.List;

/**
 * What a start of the trainer asks for: its profile and the config it would train. An unfinished
 * run is resumed at start only when it is that (same profile, epochs, dataset and conditioning);
 * any other is kept, with the command that resumes it.
 */
record RunAsk(String profile, GanConfig config) {

    boolean matches(RunRecord run) {
        return differences(run).isEmpty();
    }

    /** How {@code run} differs from this ask, e.g. {@code [profile cpu, not smoke, 60 epochs, not 2]}. */
    List<String> differences(RunRecord run) {
        List<String> differ = new ArrayList<>();
        if (!run.profile().equals(profile)) {
            differ.add("profile " + run.profile() + ", not " + profile);
        }
        if (run.config().epochs() != config.epochs()) {
            differ.add(epochs(run.config().epochs()) + ", not " + config.epochs());
        }
        if (!run.config().dataset().id().equals(config.dataset().id())) {
            differ.add(run.config().dataset().id() + ", not " + config.dataset().id());
        }
        if (run.config().model().conditional() != config.model().conditional()) {
            differ.add(conditioning(run.config()) + ", not " + conditioning(config));
        }
        return differ;
    }

    /** The launcher's command that asks for {@code run} again, and the API call that resumes it. */
    static String howToResume(RunRecord run) {
        GanConfig c = run.config();
        return "./digitgan up --profile " + run.profile() + " --epochs " + c.epochs()
                + (c.model().conditional() ? " --conditional" : " --unconditional")
                + (c.dataset() == Dataset.MNIST ? "" : " --dataset " + c.dataset().id())
                + ", or POST /api/v1/runs/" + run.runId() + "/resume";
    }

    static String epochs(int n) {
        return n + (n == 1 ? " epoch" : " epochs");
    }

    private static String conditioning(GanConfig c) {
        return c.model().conditional() ? "conditional" : "unconditional";
    }
}
