# Sourced by the scripts that start a training JVM (and by run-local.sh for the services); the
# trainer's container images set the same value (trainer-service/src/main/docker/Dockerfile.*).
#
# glibc serves blocks above its mmap threshold with new pages, which the kernel faults in one by
# one, and trims freed memory at the heap's top back to the system; both thresholds start low
# (128 KiB) and rise only when a large block is freed. At batch 32 every Adam temporary of the
# generator's 2.5 MB dense weight came from fresh pages: 0.6 ms per op instead of 0.1, the G
# optimiser 7.9 instead of 2.6 ms per step, 11 % of a cpu-profile step (scripts/profile-step.sh,
# docs/BENCHMARKS.md). Fixed thresholds of 30 and 60 MiB keep such blocks in the heap.
# (Raising them from inside the JVM, by freeing one large array, did the same for the command
# line but made the trainer-service's runs diverge and go NaN; the variable has no such effect.)
DIGITGAN_MALLOC_TUNABLES="glibc.malloc.mmap_threshold=31457280:glibc.malloc.trim_threshold=62914560"
export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}$DIGITGAN_MALLOC_TUNABLES"
