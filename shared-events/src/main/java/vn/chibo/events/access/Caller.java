package vn.chibo.events.access;

import java.util.UUID;
import java.util.function.UnaryOperator;

/** Who is asking, as both services read it from the access token: the account, its role and its unit. */
public record Caller(String username, Role role, UUID unitId, String fullName) {
    /** Claim names of the access token, shared by the service that signs it and every service that reads it. */
    public static final String CLAIM_ROLE = "role";
    public static final String CLAIM_UNIT = "unit";
    public static final String CLAIM_NAME = "name";
    public static final String ISSUER = "chibo";

    /** Reads a verified token's subject and claims (a lookup by claim name). */
    public static Caller fromClaims(String subject, UnaryOperator<String> claim) {
        return new Caller(subject, Role.valueOf(claim.apply(CLAIM_ROLE)), UUID.fromString(claim.apply(CLAIM_UNIT)),
                claim.apply(CLAIM_NAME));
    }
}
