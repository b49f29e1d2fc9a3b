package vn.chibo.command.web;

import java.io.IOException;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import vn.chibo.events.text.ComposedText;

/**
 * Every text of a request body is read composed ({@link ComposedText}): names, titles, minutes and reasons typed with
 * a combining keyboard are stored as the same words typed with a composing one. Spring Boot adds this module to the
 * request bodies' mapper; the event store's serializer is its own and reads stored events exactly as they were written.
 * Passwords are read as typed ({@link AsTyped}).
 */
@Component
public class ComposedStrings extends SimpleModule {
    public ComposedStrings() {
        super("composed-strings");
        addDeserializer(String.class, new Composing());
        // a map's keys too: a meeting's score names its criteria by the rule set's codes
        addKeyDeserializer(String.class, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext context) {
                return ComposedText.of(key);
            }
        });
    }

    private static final class Composing extends StdScalarDeserializer<String> {
        Composing() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return ComposedText.of(StringDeserializer.instance.deserialize(parser, context));
        }
    }
}
