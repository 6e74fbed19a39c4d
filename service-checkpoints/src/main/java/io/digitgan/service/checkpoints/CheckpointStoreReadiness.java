package io.digitgan.service.checkpoints;

import io.digitgan.core.checkpoint.CheckpointStore;
import io.digitgan.core.checkpoint.StoreUnavailableException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Whether the checkpoint store can be used: a folder that can be written, a bucket reachable with
 * the credentials. A bad setting turns readiness DOWN with one log line that names it (again only
 * when the problem changes); liveness stays UP, so a wrong setting never becomes a crash loop, and
 * the service comes up by itself once the store answers.
 */
@Readiness
@ApplicationScoped
public class CheckpointStoreReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(CheckpointStoreReadiness.class);
    private final CheckpointStore store;
    private volatile String problem;
    private volatile boolean checked;

    public CheckpointStoreReadiness(CheckpointStore store) {
        this.store = store;
    }

    /**
     * Checks the store in the background (a probe answers from the last check: an unreachable
     * endpoint can take longer than a probe's timeout), and says so in the log even when nobody
     * probes readiness (a local run, a first deployment).
     */
    @Scheduled(every = "10s", delay = 1, delayUnit = TimeUnit.SECONDS)
    void refresh() {
        problem = check();
        checked = true;
    }

    @Override
    public HealthCheckResponse call() {
        String current = problem();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("checkpoint-store")
                .withData("store", store.describe());
        return current == null ? response.up().build() : response.down().withData("problem", current).build();
    }

    /** The store's problem, or null when it works (as of the last check; the first call checks). */
    public String problem() {
        if (!checked) {
            refresh();
        }
        return problem;
    }

    private synchronized String check() {
        String found = null;
        try {
            store.check();
        } catch (StoreUnavailableException e) {
            found = e.getMessage();
        }
        if (found != null && !found.equals(problem)) {
            LOG.error("checkpoint store unusable: " + found);
        } else if (found == null && problem != null) {
            LOG.infof("checkpoint store %s usable again", store.describe());
        }
        return found;
    }
}
