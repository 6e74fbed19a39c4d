package io.digitgan.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * DJL attaches an op's result to its receiver's manager. When the receiver is a parameter, that is
 * the model's manager, which lives for the whole run: a result made there every step is a leak.
 * Blocks hand such results to the step's manager (their input's) with {@link #attach}.
 */
final class StepLocal {

    private StepLocal() {}

    static NDArray attach(NDArray result, NDManager stepManager) {
        result.attach(stepManager);
        return result;
    }
}
