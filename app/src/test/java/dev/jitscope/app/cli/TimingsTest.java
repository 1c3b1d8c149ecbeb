package dev.jitscope.app.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimingsTest {

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwoAndP90IsTheNearestRank() {
        Timings t = Timings.of(new double[] {7, 1, 3, 10, 2, 9, 4, 8, 6, 5});
        assertEquals(1, t.min());
        assertEquals(5.5, t.median());
        assertEquals(9, t.p90());
    }

    @Test
    void oneRunIsItsOwnMinMedianAndP90() {
        assertEquals(new Timings(2.5, 2.5, 2.5), Timings.of(new double[] {2.5}));
    }
}
