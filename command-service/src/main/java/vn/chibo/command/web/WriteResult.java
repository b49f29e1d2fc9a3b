package vn.chibo.command.web;

import java.util.UUID;

/** The answer to every accepted write: the record's id and its version (sequence number of its last event). */
public record WriteResult(Object id, long version) {
    public static WriteResult of(UUID id, long version) {
        return new WriteResult(id, version);
    }
}
