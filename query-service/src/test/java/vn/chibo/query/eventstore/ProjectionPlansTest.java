package vn.chibo.query.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.chibo.query.testing.QueryServiceTestBase;

/**
 * A projection's batch keeps its plans and plans by index only, so a plan made while a replay had just emptied a
 * table still looks rows up by key when the table is full again; the service's other statements are still planned
 * for their parameters.
 */
class ProjectionPlansTest extends QueryServiceTestBase {
    private static final String KEYED = "SELECT status FROM read_model.task WHERE id = $1";

    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void a_batch_keeps_an_index_plan_made_on_an_empty_table_and_the_connection_forgets_it_after() {
        jdbc.sql("TRUNCATE read_model.task").update();
        // what a replay's first minutes look like to the planner: the table was analysed while it was empty
        jdbc.sql("ANALYZE read_model.task").update();
        SqlProjection projection = new SqlProjection(jdbc, dataSource) { };

        List<String> inBatch = new TransactionTemplate(transactions).execute(status -> inBatch(projection, () -> {
            String settings = settings();
            jdbc.sql("PREPARE keyed(uuid) AS " + KEYED).update();
            for (int i = 0; i < 6; i++) {
                jdbc.sql("EXECUTE keyed('" + UUID.randomUUID() + "')").query().listOfRows();
            }
            String plan = String.join("\n", jdbc.sql("EXPLAIN EXECUTE keyed('" + UUID.randomUUID() + "')")
                    .query(String.class).list());
            jdbc.sql("DEALLOCATE keyed").update();
            return List.of(settings, plan);
        }));

        assertThat(inBatch.get(0)).isEqualTo("auto/off");
        assertThat(inBatch.get(1))
                .as("the plan kept for the statement (generic: it names $1) looks the row up by its key")
                .contains("Index Scan using task_pkey").contains("$1").doesNotContain("Seq Scan");
        String after = new TransactionTemplate(transactions).execute(status -> settings());
        assertThat(after).as("outside a projection's batch every statement is planned for its parameters again")
                .isEqualTo("force_custom_plan/on");
    }

    @Test
    void a_batch_names_its_tables_in_the_schema_its_thread_builds_and_in_the_read_model_otherwise() {
        jdbc.sql("DROP SCHEMA IF EXISTS plans_beside CASCADE; CREATE SCHEMA plans_beside").update();
        SqlProjection projection = new SqlProjection(jdbc, dataSource) { };
        Supplier<String> firstSchema = () -> new TransactionTemplate(transactions).execute(status -> inBatch(projection,
                () -> jdbc.sql("SELECT (current_schemas(false))[1]").query(String.class).single()));

        String[] beside = new String[1];
        SqlProjection.inSchema("plans_beside", () -> beside[0] = firstSchema.get());

        assertThat(beside[0]).isEqualTo("plans_beside");
        assertThat(firstSchema.get()).isEqualTo("read_model");
        String plain = new TransactionTemplate(transactions).execute(status ->
                jdbc.sql("SELECT (current_schemas(false))[1]").query(String.class).single());
        assertThat(plain).as("the service's connections name the read model first").isEqualTo("read_model");
        jdbc.sql("DROP SCHEMA plans_beside").update();
    }

    private String settings() {
        return jdbc.sql("SELECT current_setting('plan_cache_mode') || '/' || current_setting('enable_seqscan')")
                .query(String.class).single();
    }

    /** {@code work} as one event of a processor's batch: inside a unit of work, through the projection's interceptor. */
    @SuppressWarnings("unchecked")
    private static <T> T inBatch(SqlProjection projection, Supplier<T> work) {
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event"));
        try {
            T result = (T) projection.inSavepoint(work::get);
            batch.commit();
            return result;
        } catch (Exception e) {
            batch.rollback(e);
            throw new IllegalStateException(e);
        }
    }
}
