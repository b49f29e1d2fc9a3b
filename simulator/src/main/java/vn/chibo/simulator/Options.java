package vn.chibo.simulator;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to simulate. Profiles: {@code small} (100 cells, 2,500 members, 3 months) and {@code province} (8,000 cells,
 * 200,000 members, 12 months); {@code --cells/--members/--months/--concurrency} override them; one cell-month in
 * {@code --bad-every} (30) also sends a bad request. The benchmark's sweeps run at {@code --levels} (1,8,32)
 * concurrent clients, {@code --repeats} (3) times each, {@code --round-commands} (200) single-event commands per
 * client and round, after rounds of each kind at the highest level that are not counted: at least {@code --warmup}
 * (2), then more while the command-service's JIT compilers are still busy, up to {@code --warmup-max} (12) in all;
 * {@code --db-url} (with {@code --db-user}, {@code --db-password}) is where the raw insert baseline is measured
 * (skipped when empty); {@code --command-pid}/{@code --query-pid} let it read the services' peak RSS.
 * {@code --reuse} (no value) takes the province an earlier run built and played with the same seed and sizes, as it
 * stands in the services, instead of building and playing it again: the benchmark at a year's size then takes
 * minutes instead of hours.
 */
record Options(String mode, String profile, int cells, int members, int months, int concurrency, long seed,
               String commandUrl, String queryUrl, String username, String password, String output, int badEvery,
               List<Integer> levels, int repeats, int warmup, int warmupMax, int roundCommands, String dbUrl, String dbUser,
               String dbPassword, long commandPid, long queryPid, boolean reuse) {

    /** Options that take no value: the argument after one is an option or the mode. */
    private static final Set<String> FLAGS = Set.of("reuse");

    static Options parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        String mode = "run";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                String key = arg.substring(2);
                String value = key.contains("=") ? key.substring(key.indexOf('=') + 1)
                        : FLAGS.contains(key) ? "" : (i + 1 < args.length ? args[++i] : "");
                given.put(key.contains("=") ? key.substring(0, key.indexOf('=')) : key, value);
            } else {
                mode = arg;
            }
        }
        String profile = given.getOrDefault("profile", "small");
        boolean province = profile.equals("province");
        return new Options(mode, profile,
                Integer.parseInt(given.getOrDefault("cells", province ? "8000" : "100")),
                Integer.parseInt(given.getOrDefault("members", province ? "200000" : "2500")),
                Integer.parseInt(given.getOrDefault("months", province ? "12" : "3")),
                Integer.parseInt(given.getOrDefault("concurrency", "8")),
                Long.parseLong(given.getOrDefault("seed", "2026")),
                given.getOrDefault("command-url", "http://localhost:8081"),
                given.getOrDefault("query-url", "http://localhost:8082"),
                given.getOrDefault("user", "tinhuy"),
                given.getOrDefault("password", "chibo-demo-2026"),
                given.getOrDefault("output", "target/bench.json"),
                Integer.parseInt(given.getOrDefault("bad-every", "30")),
                Arrays.stream(given.getOrDefault("levels", "1,8,32").split(",")).map(String::strip).map(Integer::parseInt).toList(),
                Integer.parseInt(given.getOrDefault("repeats", "3")),
                Integer.parseInt(given.getOrDefault("warmup", "2")),
                Integer.parseInt(given.getOrDefault("warmup-max", "12")),
                Integer.parseInt(given.getOrDefault("round-commands", "200")),
                given.getOrDefault("db-url", ""),
                given.getOrDefault("db-user", "postgres"),
                given.getOrDefault("db-password", "postgres"),
                Long.parseLong(given.getOrDefault("command-pid", "0")),
                Long.parseLong(given.getOrDefault("query-pid", "0")),
                given.containsKey("reuse"));
    }
}
