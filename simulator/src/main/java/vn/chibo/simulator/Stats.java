package vn.chibo.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts and latencies gathered while the simulation runs (thread-safe). */
final class Stats {
    final AtomicLong goodSent = new AtomicLong();
    final AtomicLong goodAccepted = new AtomicLong();
    final AtomicLong badSent = new AtomicLong();
    final AtomicLong badRefused = new AtomicLong();
    /** Writes that ended otherwise than expected: a good one refused, or a bad one accepted. */
    final Map<String, AtomicLong> unexpected = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> accepted = new ConcurrentHashMap<>();
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> lags = Collections.synchronizedList(new ArrayList<>());

    void good(String kind, Http.Answer answer) {
        goodSent.incrementAndGet();
        latencies.add(answer.nanos());
        if (answer.ok()) {
            goodAccepted.incrementAndGet();
            accepted.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        } else {
            unexpected.computeIfAbsent(kind + " " + answer.status() + " " + problem(answer), k -> new AtomicLong()).incrementAndGet();
        }
    }

    void bad(String kind, Http.Answer answer, int expectedStatus) {
        badSent.incrementAndGet();
        if (answer.status() == expectedStatus) {
            badRefused.incrementAndGet();
        } else {
            unexpected.computeIfAbsent("bad " + kind + " answered " + answer.status(), k -> new AtomicLong()).incrementAndGet();
        }
    }

    void lag(long nanos) {
        lags.add(nanos);
    }

    double latencyMillis(double percentile) {
        return percentile(latencies, percentile);
    }

    double lagMillis(double percentile) {
        return percentile(lags, percentile);
    }

    int lagSamples() {
        return lags.size();
    }

    static double percentile(List<Long> nanos, double p) {
        List<Long> sorted;
        synchronized (nanos) {
            sorted = new ArrayList<>(nanos);
        }
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(index, 0)) / 1_000_000.0;
    }

    private static String problem(Http.Answer answer) {
        return answer.json().path("code").asText("");
    }
}
