package vn.chibo.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Where request text is composed, and where it is read as typed. */
class ComposedStringsTest {
    private static final String COMBINING = "Ho\\u0300a";
    private final ObjectMapper json = new ObjectMapper().registerModule(new ComposedStrings());

    record Form(String name, List<String> agenda, Map<String, String> notes,
                @AsTyped String password) {
    }

    @Test
    void values_in_lists_and_maps_and_map_keys_are_composed_and_a_password_is_not() throws Exception {
        Form form = json.readValue("""
                {"name":"%1$s","agenda":["%1$s"],"notes":{"%1$s":"%1$s"},"password":"%1$s"}""".formatted(COMBINING), Form.class);
        assertThat(form.name()).isEqualTo("Hòa");
        assertThat(form.agenda()).containsExactly("Hòa");
        assertThat(form.notes()).containsExactly(Map.entry("Hòa", "Hòa"));
        assertThat(form.password()).isEqualTo("Ho\u0300a");
        Map<String, Integer> criteria = json.readValue("{\"%s\": 5}".formatted(COMBINING), new TypeReference<>() { });
        assertThat(criteria).containsOnlyKeys("Hòa");
    }
}
