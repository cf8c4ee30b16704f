package io.github.lgmanager.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** scripts/bench: runs every figure on the real stack and rewrites docs/benchmarks.md. */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("lg-bench");
        Bench.progress("figure 5: scale on the test driver");
        ScaleBench.Result scale = ScaleBench.run(repo, work);
        System.out.println("startup ms: " + scale.startupMs().row("%.0f"));
        System.out.println("burst: " + scale.delivered() + "/" + scale.burstEvents() + " in order " + scale.inOrder()
                + ", " + Math.round(scale.eventsPerSecond()) + " events/s");
    }
}
