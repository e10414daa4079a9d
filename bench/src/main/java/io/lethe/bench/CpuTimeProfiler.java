package io.lethe.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Operations per second of CPU time consumed by the benchmark JVM, next to JMH's wall-clock score. On a shared
 * machine (a build running next to the benchmark) the wall-clock score drops with the CPU share the benchmark
 * gets; this figure does not. With {@code -t 1} it is the per-core throughput, slightly pessimistic as it also
 * charges GC and compiler threads. Enable with {@code -prof io.lethe.bench.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private long cpuAtStart;

    @Override
    public String getDescription() {
        return "operations per second of process CPU time";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuAtStart = processCpuNanos();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        double cpuSeconds = (processCpuNanos() - cpuAtStart) / 1e9;
        double opsPerCpuSecond = result.getMetadata().getMeasuredOps() / cpuSeconds;
        return List.of(new ScalarResult("cpu", opsPerCpuSecond, "ops/cpu-s", AggregationPolicy.AVG));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
