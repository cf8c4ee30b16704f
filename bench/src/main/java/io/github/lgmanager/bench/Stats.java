// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** A set of measurements and the figures we report of them: min, median, p95 (nearest rank), max, n. */
public record Stats(List<Double> values) {

    public Stats {
        values = List.copyOf(values);
    }

    public static Stats of(List<Double> values) {
        return new Stats(values);
    }

    public int count() {
        return values.size();
    }

    public double min() {
        return sorted().get(0);
    }

    public double max() {
        return sorted().get(count() - 1);
    }

    public double median() {
        List<Double> s = sorted();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** The nearest-rank percentile: the smallest value at or above p percent of the measurements. */
    public double percentile(double p) {
        List<Double> s = sorted();
        int rank = (int) Math.ceil(p / 100.0 * s.size());
        return s.get(Math.max(0, Math.min(s.size() - 1, rank - 1)));
    }

    private List<Double> sorted() {
        if (values.isEmpty()) {
            throw new IllegalStateException("no measurements");
        }
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        return s;
    }

    /** "min / median / p95 / max (n)" with the given unit and decimals. */
    public String row(String format) {
        return String.format(Locale.ROOT, format + " | " + format + " | " + format + " | " + format + " | %d",
                min(), median(), percentile(95), max(), count());
    }
}
