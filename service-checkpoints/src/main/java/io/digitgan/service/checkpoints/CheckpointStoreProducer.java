package io.digitgan.service.checkpoints;

import io.digitgan.core.checkpoint.CheckpointStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** The configured checkpoint store as a bean. Nothing is contacted here: readiness says whether it works. */
@ApplicationScoped
public class CheckpointStoreProducer {

    private static final Logger LOG = Logger.getLogger(CheckpointStoreProducer.class);

    @Produces
    @Singleton
    CheckpointStore checkpointStore(CheckpointStoreSettings settings) {
        CheckpointStore store = CheckpointStore.open(settings.dir(), settings.s3Location());
        LOG.infof("checkpoint store: %s", store.describe());
        return store;
    }
}
