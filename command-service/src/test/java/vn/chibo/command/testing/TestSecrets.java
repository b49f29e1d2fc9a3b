package vn.chibo.command.testing;

import java.security.SecureRandom;
import java.util.Base64;

/** A signing key made for this test run only, shared by both services when a test starts both. */
public final class TestSecrets {
    public static final String JWT = newKey();

    private TestSecrets() {
    }

    private static String newKey() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
