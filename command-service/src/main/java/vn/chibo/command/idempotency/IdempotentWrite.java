package vn.chibo.command.idempotency;

import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.chibo.events.problem.Problem;
import vn.chibo.command.rules.RuleBroken;

/**
 * Runs a write in one transaction together with the record of its answer under the request's
 * Idempotency-Key: either both commit or neither does, so a retried request is applied once. The answer is
 * usually a {@code WriteResult}; a write with a richer answer (a register import's report) has it kept whole.
 */
@Component
public class IdempotentWrite {
    private final TransactionTemplate transaction;
    private final IdempotencyStore store;
    private final ObjectMapper json;

    public IdempotentWrite(TransactionTemplate transaction, IdempotencyStore store, ObjectMapper json) {
        this.transaction = transaction;
        this.store = store;
        this.json = json;
    }

    /**
     * The answer is built here, with the status that is also recorded for the key: a retry gets exactly the first
     * answer, status included.
     */
    public <T> ResponseEntity<T> run(String actor, HttpStatus status, Supplier<T> write) {
        return ResponseEntity.status(status).body(transaction.execute(tx -> {
            T result = write.get();
            RequestAttributes request = RequestContextHolder.getRequestAttributes();
            String key = request == null ? null : (String) request.getAttribute(IdempotencyFilter.KEY_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            if (key != null) {
                String hash = (String) request.getAttribute(IdempotencyFilter.HASH_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
                if (!store.record(actor, key, hash, status.value(), toJson(result))) {
                    // a concurrent request with this key won; roll back and let the filter answer with its result
                    throw new RuleBroken(Problem.IDEMPOTENCY_KEY_REUSED,
                            "Yêu cầu với Idempotency-Key này vừa được xử lý. (A request with this key was just applied.)",
                            IdempotencyFilter.HEADER);
                }
            }
            return result;
        }));
    }

    private String toJson(Object result) {
        try {
            return json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
