package io.switchboard.journal.mask;

import io.switchboard.config.MaskConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A rough microbenchmark of body masking in ns per KiB, not a test: a {@code main} run with the test classpath, like
 * the other benches ({@code java -cp target/test-classes:target/classes:... io.switchboard.journal.mask.MaskerBenchmark}).
 */
final class MaskerBenchmark {
    private static final int WARM_UP_ROUNDS = 20_000;
    private static final int ROUNDS = 50_000;

    private MaskerBenchmark() {}

    public static void main(String[] args) {
        Masker plain = Masker.of(MaskConfig.NONE, List.of());
        Masker configured = Masker.of(
                new MaskConfig(
                        List.of("$..cvv", "$.card.number", "$.items[*].pan"), List.of(), List.of("pin"), List.of()),
                List.of("Bearer tok_9f8e7d6c5b4a3f2e1d0c", "hunter22pw", "shop:hunter22pw"));
        byte[] json = json(8 * 1024, false);
        byte[] jsonWithPans = json(8 * 1024, true);
        byte[] text = text(8 * 1024);

        report("built-in rules, 8 KiB JSON, nothing found", plain, json, "application/json");
        report("built-in rules, 8 KiB text, nothing found", plain, text, "text/plain");
        report("JSON paths + 3 secrets, 8 KiB JSON, nothing found", configured, json, "application/json");
        report(
                "JSON paths + 3 secrets, 8 KiB JSON, PANs and cvv in every item",
                configured,
                jsonWithPans,
                "application/json");
        report("JSON paths + 3 secrets, 8 KiB text", configured, text, "text/plain");
    }

    private static void report(String name, Masker masker, byte[] body, String type) {
        long sink = 0;
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            sink += masker.body(body, false, type).length;
        }
        // CPU time of this thread, not wall time: on a shared, loaded machine wall time mostly measures the others.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < ROUNDS; i++) {
            sink += masker.body(body, false, type).length;
        }
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        long elapsed = System.nanoTime() - start;
        double kib = body.length / 1024.0;
        System.out.printf(
                Locale.ROOT,
                "mask-bench %-66s cpu %6.0f ns/KiB, wall %6.0f ns/KiB (%d)%n",
                name,
                cpu / (double) ROUNDS / kib,
                elapsed / (double) ROUNDS / kib,
                sink % 10);
    }

    private static byte[] json(int size, boolean sensitive) {
        StringBuilder json = new StringBuilder("{\"order\":\"A-2026-11-26-0017\",\"items\":[");
        int item = 0;
        while (json.length() < size - 200) {
            if (item > 0) {
                json.append(',');
            }
            json.append("{\"sku\":\"SKU-")
                    .append(100_000 + item)
                    .append("\",\"qty\":")
                    .append(item % 7)
                    .append(",\"price\":")
                    .append(1299 + item)
                    .append(",\"ts\":1732640000")
                    .append(item % 10)
                    .append("00");
            if (sensitive) {
                json.append(",\"pan\":\"4111 1111 1111 1111\",\"cvv\":\"123\"");
            }
            json.append('}');
            item++;
        }
        json.append("],\"note\":\"deliver to the back door, ring twice\"}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] text(int size) {
        StringBuilder text = new StringBuilder();
        int line = 0;
        while (text.length() < size) {
            text.append("2026-11-26T17:02:")
                    .append(line % 60)
                    .append("Z order ")
                    .append(20_261_126_000L + line)
                    .append(" shipped to Baker Street 221b, parcel 00")
                    .append(line)
                    .append(" weight 1.5kg\n");
            line++;
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
