package vn.chibo.events.notebook;

import java.util.UUID;

/** One member's notebook at a check: kept properly or not, and what the cell noted. */
public record NotebookResult(UUID memberId, boolean ok, String note) {
}
