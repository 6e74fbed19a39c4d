package io.digitgan.trainer;

import io.smallrye.config.ConfigMapping;
import io.digitgan.core.config.Profile;
import io.digitgan.core.model.Conditioning;
import io.smallrye.config.WithDefault;
import io.digitgan.core.data.DataFolders;
import io.digitgan.core.data.Dataset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The trainer's configuration, under {@code digitgan.*} (see application.properties and the README). */
@ConfigMapping(prefix = "digitgan")
public interface TrainerSettings {

    Training training();

    Model model();

    Checkpoints checkpoints();

    Trainer trainer();

    Data data();


    Events events();

    Quality quality();

    Sweep sweep();

    /** {@code auto} (a GPU when DJL sees one), {@code cpu} or {@code gpu}. */
    @WithDefault("auto")
    String device();

    interface Training {
        /** Start (or resume) a run when the service starts. */
        @WithDefault("false")
        boolean autostart();

        /** Profile of runs started without one: original, cpu or smoke. */
        @WithDefault("original")
        Profile profile();

        /** Epochs of runs started at boot (autostart), overriding the profile's. */
        Optional<Integer> epochs();

        /**
         * Which unfinished run a start resumes: {@code matching} only one that is what this start
         * asks for (profile, epochs, dataset, conditioning; others are kept, INTERRUPTED), {@code any}
         * the newest whatever it is (what {@code ./digitgan up} asks when given no run options).
         */
        @WithDefault("matching")
        ResumePolicy resume();

        enum ResumePolicy {
            MATCHING, ANY
        }

        /** A PROGRESS event every N steps. */
        @WithDefault("50")
        int progressEvery();

        /** libtorch intra-op threads; 0 = all cores. */
        @WithDefault("0")
        int threads();
    }

    /** The model of runs that do not say (a run's body may). */
    interface Model {
        /** A conditional model, one that draws a requested digit. */
        @WithDefault("false")
        boolean conditional();

        /** How its discriminator is told the label: projection or label-maps. */
        Optional<Conditioning> conditioning();
    }

    /** How often and how many checkpoints; where they go is service-checkpoints' CheckpointStoreSettings. */
    interface Checkpoints {
        @WithDefault("1")
        int everyEpochs();

        /** Newest checkpoints kept per run. */
        @WithDefault("5")
        int keep();
    }

    interface Data {
        /** MNIST's idx files. */
        @WithDefault("data/mnist")
        Path dir();

        /** Fashion-MNIST's idx files (scripts/fetch-fashion-mnist.sh). */
        @WithDefault("data/fashion-mnist")
        Path fashionMnistDir();

        /** The dataset of a run whose body names none: mnist or fashion-mnist. */
        @WithDefault("mnist")
        Dataset dataset();

        /** Each dataset's folder. */
        default DataFolders folders() {
            return DataFolders.under(Path.of("data")).with(Dataset.MNIST, dir()).with(Dataset.FASHION_MNIST, fashionMnistDir());
        }
    }

    interface Trainer {
        /**
         * Bearer token of the changing API calls (DIGITGAN_TRAINER_API_TOKEN); service-common's
         * check reads it as {@code digitgan.api.token}. Without one they are refused.
         */
        Optional<String> apiToken();
    }

    interface Quality {
        /** Measure FID-MNIST, MNIST score and coverage every N epochs and after the last; 0 = after the last only, -1 = never. */
        @WithDefault("5")
        int everyEpochs();

        /** Generated images per measurement during a run. */
        @WithDefault("2000")
        int samples();

        /** Generated images of the measurement after the last epoch. */
        @WithDefault("10000")
        int finalSamples();

        /** The MNIST evaluator artifact; trained there (minutes, once) when the first figures are due and it is missing. */
        @WithDefault("data/evaluator")
        Path evaluatorDir();
    }

    /**
     * Run-to-completion mode, one pod of a sweep's Indexed Job (k8s/sweep) or one process of
     * {@code ./digitgan sweep}: train the sweep's entry {@code index} to its end, then exit.
     */
    interface Sweep {
        /** The sweep file (YAML or JSON); unset: the service waits for API calls as usual. */
        Optional<Path> file();

        /** The entry to train: the Job's JOB_COMPLETION_INDEX (see application.properties); -1 when unset. */
        @WithDefault("-1")
        int index();

        /** How long the last events may wait for Kafka before the process exits. */
        @WithDefault("2m")
        Duration drainTimeout();
    }

    interface Events {
        /** Events held while Kafka is unreachable; beyond it the oldest PROGRESS events go first. */
        @WithDefault("10000")
        int bufferSize();

        /** How often the trainer's SYSTEM figures are sent. */
        @WithDefault("10s")
        Duration systemInterval();
    }
}
