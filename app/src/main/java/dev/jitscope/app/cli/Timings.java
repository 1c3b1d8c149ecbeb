package dev.jitscope.app.cli;

import java.util.Arrays;

/** Summary of run times in milliseconds: minimum, median (mean of the middle two for an even count), p90 (nearest rank). */
record Timings(double min, double median, double p90) {

    static Timings of(double[] ms) {
        if (ms.length == 0) throw new IllegalArgumentException("no timings");
        double[] s = ms.clone();
        Arrays.sort(s);
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        int rank = (int) Math.ceil(0.9 * n);
        return new Timings(s[0], median, s[rank - 1]);
    }
}
