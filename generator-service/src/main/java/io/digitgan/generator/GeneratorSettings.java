package io.digitgan.generator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** The generator's configuration, under {@code digitgan.*} (see the README). */
@ConfigMapping(prefix = "digitgan")
public interface GeneratorSettings {

    Generator generator();

    /** The weights of a checkpoint that can be served. */
    enum Weights {
        EMA, RAW
    }

    interface Generator {
        /**
         * Bearer token of pin and unpin (DIGITGAN_GENERATOR_API_TOKEN); service-common's check
         * reads it as {@code digitgan.api.token}. Without one they are refused.
         */
        Optional<String> apiToken();

        /** Pin at start: {@code <run id>:<epoch>} or {@code <run id>:best}; absent = follow the newest. */
        Optional<String> pin();

        /**
         * Threads running forward passes (0: one per core). Each takes the next batch when it is
         * free; two passes of one libtorch thread each beat one pass of two threads on 2 cores.
         */
        @WithDefault("0")
        int predictors();

        /**
         * libtorch's threads per forward pass (0: one per core). One by default: on 2 cores a
         * second thread per pass competes with HTTP and PNG encoding for the other core (measured:
         * docs/BENCHMARKS.md).
         */
        @WithDefault("1")
        int intraOpThreads();

        /** Requests that may wait for a forward pass; beyond them a request gets 503 at once. */
        @WithDefault("256")
        int maxQueued();

        /** How long a request may wait for its forward pass to start before it gets 503. */
        @WithDefault("10s")
        java.time.Duration queueTimeout();

        /** With no broker at start, how long to wait for one before the store's newest checkpoint serves. */
        @WithDefault("10s")
        java.time.Duration brokerWait();

        /** Dynamic batching of concurrent requests (see InferenceBatcher). */
        Batching batching();

        /** Rejection sampling: how an unconditional model serves {@code digit=} (see DigitPicker). */
        Rejection rejection();

        /**
         * Which weights of a checkpoint to serve: {@code ema}, the averaged generator when the
         * checkpoint has one (else the raw one), or {@code raw}, always the trained generator.
         */
        @WithDefault("ema")
        Weights weights();

        /** Seconds a client is told to wait (Retry-After) before a model is loaded. */
        @WithDefault("5")
        int retryAfterSeconds();

        /** Which announced checkpoint replaces the served one (see PromotionGate). */
        Promotion promotion();
    }

    /** {@code newest}: every new checkpoint is served; {@code gated}: only one not worse than the served one. */
    enum Policy {
        NEWEST, GATED
    }

    interface Promotion {
        @WithDefault("newest")
        Policy policy();

        /** gated: how much worse (relative) a new checkpoint's FID may be than the served one's. */
        @WithDefault("0.10")
        double fidMargin();

        /** gated: how much lower (absolute, 0.005 = half a point) a conditional model's class accuracy may be. */
        @WithDefault("0.005")
        double accuracyMargin();
    }

    interface Rejection {
        /** Candidates tried per request before it gives up with 503. */
        @WithDefault("4096")
        int maxTries();

        /** The evaluator's probability of the asked digit that a candidate needs to be kept. */
        @WithDefault("0.9")
        double minConfidence();
    }

    interface Batching {
        /** The most images in one forward pass; 0 = every request runs alone. */
        @WithDefault("64")
        int maxBatch();

        /** How long the first request of a batch waits for company when the batch is not full. */
        @WithDefault("2ms")
        java.time.Duration maxDelay();

        /** Forward passes have a multiple of this many rows (zero-padded), so outputs do not depend on company. */
        @WithDefault("4")
        int rowMultiple();
    }
}
