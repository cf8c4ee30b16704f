// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void reportsMinMedianNearestRankP95AndMax() {
        Stats s = Stats.of(List.of(5.0, 1.0, 4.0, 2.0, 3.0, 6.0, 7.0, 8.0, 9.0, 10.0,
                11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0, 20.0));
        assertEquals(1.0, s.min());
        assertEquals(10.5, s.median());
        assertEquals(19.0, s.percentile(95));
        assertEquals(20.0, s.max());
        assertEquals("1.0 | 10.5 | 19.0 | 20.0 | 20", s.row("%.1f"));
    }

    @Test
    void anOddCountHasAMiddleValue() {
        assertEquals(2.0, Stats.of(List.of(3.0, 1.0, 2.0)).median());
    }

    @Test
    void noMeasurementsIsAnErrorNotAZero() {
        assertThrows(IllegalStateException.class, () -> Stats.of(List.of()).median());
    }
}
