package io.zohocamel.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The goals, each met or missed in this run: printed as one table at the end, and the exit code. */
final class BenchGoals {

    private record Row(String benchmark, String measured, String goal, boolean met) {
    }

    private final List<Row> rows = new ArrayList<>();

    void add(String benchmark, String measured, String goal, boolean met) {
        rows.add(new Row(benchmark, measured, goal, met));
    }

    /** Figures with no goal of their own (context for the others). */
    void note(String benchmark, String measured) {
        add(benchmark, measured, "-", true);
    }

    boolean allMet() {
        return rows.stream().allMatch(Row::met);
    }

    void print() {
        System.out.println();
        System.out.println("| benchmark | measured | goal | |");
        System.out.println("|---|---|---|---|");
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s |%n", row.benchmark, row.measured, row.goal,
                    row.goal.equals("-") ? "" : row.met ? "met" : "MISSED");
        }
    }
}
