// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A profile: consecutive steps of one path, each measured on every run, in the order they happen. */
final class Phases {
    private final Map<String, List<Double>> steps = new LinkedHashMap<>();

    /** Records the step from {@code fromNanos} to {@code toNanos} under {@code name}. */
    void add(String name, long fromNanos, long toNanos) {
        steps.computeIfAbsent(name, k -> new ArrayList<>()).add((toNanos - fromNanos) / 1e6);
    }

    Map<String, Stats> stats() {
        Map<String, Stats> out = new LinkedHashMap<>();
        steps.forEach((name, values) -> out.put(name, Stats.of(values)));
        return out;
    }
}
