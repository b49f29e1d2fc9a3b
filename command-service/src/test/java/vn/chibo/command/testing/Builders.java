package vn.chibo.command.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Request bodies with Vietnamese names, small enough to read in a test. */
public final class Builders {
    private Builders() {
    }

    public static Map<String, Object> committee(UUID id, String name, UUID parentId) {
        return body("id", id, "name", name, "kind", "COMMITTEE", "parentId", parentId);
    }

    public static Map<String, Object> cell(UUID id, String name, UUID parentId) {
        return body("id", id, "name", name, "kind", "CELL", "parentId", parentId);
    }

    public static Map<String, Object> member(UUID id, String fullName, String cardNumber) {
        return body("id", id, "cardNumber", cardNumber, "fullName", fullName, "birthDate", "1980-05-19",
                "joinedPartyOn", "2005-02-03", "status", "FULL", "memberSince", "2020-01-01");
    }

    public static Map<String, Object> account(String username, String role, UUID unitId) {
        return body("username", username, "password", "mat-khau-2026", "fullName", "Nguyễn Thị Minh Khai",
                "role", role, "unitId", unitId);
    }

    public static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1] instanceof UUID u ? u.toString() : keysAndValues[i + 1]);
        }
        return body;
    }
}
