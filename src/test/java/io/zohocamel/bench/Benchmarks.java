package io.zohocamel.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.zohocamel.support.RuntimeTestSupport;

/**
 * The performance benchmarks of the README's Performance section, run by bench/run (never by mvn verify).
 * Each scenario runs the packaged jar as a separate process against a Zoho stand-in and prints ratios
 * measured within one run, on a running service (see {@link RuntimeRuns}); the last lines are a table of
 * the goals, and the exit code says whether all were met.
 */
public final class Benchmarks {

    private static final double CSV_GOAL = 2.0;
    private static final long RSS_GOAL_MIB = 512;

    private Benchmarks() {
    }

    public static void main(String... args) throws Exception {
        Set<String> which = new LinkedHashSet<>(args.length == 0 ? List.of("csv", "memory", "massupdate", "scaling", "polling",
                "latency", "records", "credits") : List.of(args));
        Path work = Files.createTempDirectory("zoho-bench");
        System.out.printf("machine: %d cores, %s, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("java.version"));
        BenchGoals goals = new BenchGoals();
        try {
            if (which.contains("csv")) {
                csvToJobs(work, goals);
            }
            if (which.contains("memory")) {
                memory(work, goals);
            }
            if (which.contains("massupdate")) {
                MassUpdateBench.run(goals);
            }
            if (which.contains("scaling")) {
                scaling(work, goals);
            }
            if (which.contains("polling")) {
                PollingBench.run(goals);
            }
            if (which.contains("polling") || which.contains("polling-end")) { // polling-end alone needs no PostgreSQL
                PollingEndBench.run(goals);
            }
            if (which.contains("latency")) {
                LatencyBench.run(work, goals);
            }
            if (which.contains("records")) {
                RecordsBench.run(work, goals);
            }
            if (which.contains("credits")) {
                CreditsBench.run(work, goals);
            }
        } finally { // the generated CSV files: 280 MB a run
            RuntimeTestSupport.deleteTree(work);
            goals.print();
        }
        System.exit(goals.allMet() ? 0 : 1);
    }

    /** 1. The naive split-and-zip script against the runtime, file landing to 40th job created. */
    static void csvToJobs(Path work, BenchGoals goals) throws Exception {
        Path csv = BenchFiles.generate(work.resolve("leads-1m.csv"), 1_000_000);
        double naive = BenchFiles.naiveSplitAndZip(csv, work.resolve("naive"));
        // a second file of as many rows (other names: the same content would be refused as already submitted)
        // shows the steady state, once the JIT has compiled the path
        Path again = BenchFiles.generate(work.resolve("leads-1m-again.csv"), 1_000_000, 10_000_000);
        List<RuntimeRuns.Run> runs = RuntimeRuns.toJobs(List.of(csv, again), 40);
        RuntimeRuns.Run run = runs.get(0);
        double ratio = naive / run.seconds();
        goals.add(String.format(Locale.ROOT, "CSV to jobs, 1,000,000 rows (%d MB) → 40 jobs", Files.size(csv) >> 20),
                String.format(Locale.ROOT, "%.2f s (runtime CPU %.2f s) against split+zip %.2f s: %.2f×", run.seconds(),
                        run.cpuSeconds(), naive, ratio),
                ">= " + CSV_GOAL + "×", ratio >= CSV_GOAL);
        RuntimeRuns.Run second = runs.get(1);
        System.out.printf(Locale.ROOT, "CSV to jobs, a second 1,000,000-row file: %.2f s (runtime CPU %.2f s): %.2f× split+zip%n",
                second.seconds(), second.cpuSeconds(), naive / second.seconds());
    }

    /** 2. Peak resident memory with 1,000,000 and 10,000,000 rows: flat, not growing with the file. */
    static void memory(Path work, BenchGoals goals) throws Exception {
        RuntimeRuns.Run small = RuntimeRuns.toJobs(BenchFiles.generate(work.resolve("leads-1m.csv"), 1_000_000), 40);
        Path big = BenchFiles.generate(work.resolve("leads-10m.csv"), 10_000_000);
        RuntimeRuns.Run large = RuntimeRuns.toJobs(big, 400);
        Files.deleteIfExists(big);
        double growth = (double) large.peakRssMib() / small.peakRssMib();
        goals.add("peak RSS, 1 M and 10 M rows, JVM " + String.join(" ", RuntimeRuns.JVM),
                String.format(Locale.ROOT, "%d / %d MiB (10 M / 1 M = %.2f)", small.peakRssMib(), large.peakRssMib(), growth),
                "<= " + RSS_GOAL_MIB + " MiB, within 10 %", large.peakRssMib() <= RSS_GOAL_MIB && growth <= 1.1);
    }

    /** 5. CSV to jobs at 100 k, 1 M and 10 M rows: time per row should stay flat. */
    static void scaling(Path work, BenchGoals goals) throws Exception {
        List<String> out = new ArrayList<>();
        double base = 0;
        double worst = 0;
        for (int rows : new int[] {100_000, 1_000_000, 10_000_000}) {
            Path csv = BenchFiles.generate(work.resolve("scale-" + rows + ".csv"), rows);
            RuntimeRuns.Run run = RuntimeRuns.toJobs(csv, (rows + 24_999) / 25_000);
            Files.deleteIfExists(csv);
            double perMillion = run.seconds() / rows * 1_000_000;
            base = base == 0 ? perMillion : base;
            worst = Math.max(worst, perMillion / base);
            out.add(String.format(Locale.ROOT, "%.2f s", run.seconds()));
        }
        goals.add("scaling, 100 k / 1 M / 10 M rows", String.join(" / ", out) + String.format(Locale.ROOT,
                " (worst time per row %.2f× 100 k's)", worst), "linear", worst <= 1.5);
    }
}
