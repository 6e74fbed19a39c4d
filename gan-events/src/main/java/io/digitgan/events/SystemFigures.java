package io.digitgan.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The trainer's process, as a SYSTEM metrics event carries it.
 *
 * @param device where training runs, e.g. {@code cpu()}
 * @param processCpu share of all cores the trainer process used over the last interval (0..1)
 * @param heapUsedBytes JVM heap in use
 * @param heapMaxBytes JVM heap limit
 * @param residentBytes resident memory of the process (heap + native, e.g. libtorch's)
 * @param gpuMemoryBytes GPU memory in use, when training on a GPU
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SystemFigures(
        String device, double processCpu, long heapUsedBytes, long heapMaxBytes, long residentBytes,
        Long gpuMemoryBytes) {}
