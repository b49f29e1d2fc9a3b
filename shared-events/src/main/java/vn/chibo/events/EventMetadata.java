package vn.chibo.events;

/**
 * Keys of the metadata every event carries (DESIGN §5). The audit reads them straight from the event store,
 * so their names are part of the published language: never rename one.
 */
public final class EventMetadata {
    /** User name of whoever sent the command. */
    public static final String ACTOR = "actor";
    /** The actor's role at the time: PROVINCE, COMMITTEE, CELL, AUDITOR, or SYSTEM for seeders. */
    public static final String ACTOR_ROLE = "actorRole";
    /** The cell the record belongs to, when it belongs to one. */
    public static final String CELL_ID = "cellId";
    /** One id for everything caused by one request (X-Correlation-Id, or generated). */
    public static final String CORRELATION_ID = "correlationId";
    /** The id of the command message that produced the event. */
    public static final String CAUSATION_ID = "causationId";
    /** The device's clock when the user submitted (X-Client-Time), as sent; may differ from the server's. */
    public static final String CLIENT_TIME = "clientTime";
    /** The server's clock when the command was accepted. */
    public static final String SERVER_TIME = "serverTime";
    /** The Idempotency-Key of the request, where one was sent. */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";

    private EventMetadata() {
    }
}
