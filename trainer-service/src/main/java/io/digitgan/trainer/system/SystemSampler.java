package io.digitgan.trainer.system;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import io.digitgan.core.system.ProcessMemory;
import io.digitgan.events.MetricsEvent;
import io.digitgan.events.SystemFigures;
import io.digitgan.trainer.messaging.EventPublisher;
import io.digitgan.trainer.run.RunManager;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/** Every {@code digitgan.events.system-interval} (10 s) while a run trains: a SYSTEM event. */
@ApplicationScoped
public class SystemSampler {

    private final RunManager runs;
    private final EventPublisher publisher;

    public SystemSampler(RunManager runs, EventPublisher publisher) {
        this.runs = runs;
        this.publisher = publisher;
    }

    @Scheduled(every = "${digitgan.events.system-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sample() {
        runs.activeRun().ifPresent(run -> publisher.publish(
                MetricsEvent.system(run.runId(), run.epoch(), run.globalStep(), figures(run.device()))));
    }

    static SystemFigures figures(String device) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        double cpu = Double.NaN;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            cpu = os.getProcessCpuLoad();
        }
        Long gpu = null;
        if (device.startsWith("gpu")) {
            try {
                gpu = CudaUtils.getGpuMemory(Device.gpu()).getCommitted();
            } catch (RuntimeException | LinkageError e) {
                gpu = null;
            }
        }
        return new SystemFigures(device, Double.isNaN(cpu) ? 0 : cpu, heap.getUsed(), heap.getMax(), ProcessMemory.residentBytes(), gpu);
    }
}
