package io.github.lgmanager.bench;

/** Progress lines on stderr, so a long benchmark run shows where it is. */
final class Bench {
    private Bench() {
    }

    static void progress(String line) {
        System.err.println(line);
        System.err.flush();
    }
}
