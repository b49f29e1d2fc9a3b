package vn.chibo.command;

/**
 * Axon 4.13 calls its vendor at start-up (update checker) and prints a console advert; neither may happen here
 * (closed network, no Axon Server). The environment variable AXONIQ_UPDATE_CHECKER_DISABLED does the same for
 * runs that do not go through main (compose, tests).
 */
public final class QuietAxon {
    private QuietAxon() {
    }

    public static void apply() {
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
    }
}
