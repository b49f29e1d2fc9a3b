package vn.chibo.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

import vn.chibo.command.meeting.MeetingCommands;
import vn.chibo.command.member.MemberCommands;
import vn.chibo.command.notebook.NotebookCheck;
import vn.chibo.command.orgunit.OrgUnitCommands;
import vn.chibo.command.rating.RatingCommands;
import vn.chibo.command.ruleset.RuleSetCommands;
import vn.chibo.command.task.TaskCommands;

/** The kept resolver names the same aggregate and version as Axon's for every command, and fails as it does. */
class KeptCommandTargetsTest {
    private final CommandTargetResolver kept = new KeptCommandTargets();
    private final CommandTargetResolver axons = AnnotationCommandTargetResolver.builder().build();

    @Test
    void every_command_of_the_service_resolves_to_what_axons_resolver_says() throws Exception {
        List<Class<?>> commands = Stream.of(MemberCommands.class, MeetingCommands.class, OrgUnitCommands.class,
                        RatingCommands.class, RuleSetCommands.class, TaskCommands.class, NotebookCheck.class)
                .flatMap(type -> Arrays.stream(type.getDeclaredClasses())).filter(Class::isRecord)
                .filter(type -> Arrays.stream(type.getDeclaredFields())
                        .anyMatch(field -> field.isAnnotationPresent(TargetAggregateIdentifier.class)))
                .toList();
        assertThat(commands).hasSizeGreaterThan(20);
        int versioned = 0;
        for (Class<?> type : commands) {
            for (int round = 0; round < 2; round++) {
                Object command = sample(type);
                VersionedAggregateIdentifier expected = axons.resolveTarget(GenericCommandMessage.asCommandMessage(command));
                VersionedAggregateIdentifier actual = kept.resolveTarget(GenericCommandMessage.asCommandMessage(command));
                assertThat(actual.getIdentifierValue()).as(type.getSimpleName()).isEqualTo(expected.getIdentifierValue())
                        .isNotNull();
                assertThat(actual.getVersion()).as(type.getSimpleName()).isEqualTo(expected.getVersion());
                if (round == 0 && actual.getVersion() != null) {
                    versioned++;
                }
            }
        }
        assertThat(versioned).as("commands that carry the version the client read").isGreaterThan(0);
    }

    record ByField(@TargetAggregateIdentifier String id, @TargetAggregateVersion String version) {
    }

    static final class ByMethod {
        private final UUID id;

        ByMethod(UUID id) {
            this.id = id;
        }

        @TargetAggregateIdentifier
        UUID target() {
            return id;
        }

        @TargetAggregateVersion
        Integer version() {
            return 4;
        }
    }

    record Unmarked(UUID id) {
    }

    @Test
    void fields_methods_text_versions_and_missing_targets_go_as_with_axons_resolver() {
        UUID id = UUID.randomUUID();
        assertThat(kept.resolveTarget(GenericCommandMessage.asCommandMessage(new ByMethod(id))))
                .isEqualTo(axons.resolveTarget(GenericCommandMessage.asCommandMessage(new ByMethod(id))))
                .isEqualTo(new VersionedAggregateIdentifier(id, 4L));
        assertThat(kept.resolveTarget(GenericCommandMessage.asCommandMessage(new ByField("chi-bo-3", "12"))))
                .isEqualTo(new VersionedAggregateIdentifier("chi-bo-3", 12L));
        assertThatThrownBy(() -> kept.resolveTarget(GenericCommandMessage.asCommandMessage(new ByField("chi-bo-3", "mười"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("The value provided for the version is not a number.");
        for (Object command : List.of(new ByField(null, null), new Unmarked(id))) {
            String axonsMessage = catchMessage(axons, command);
            assertThat(catchMessage(kept, command)).isEqualTo(axonsMessage).contains("@TargetAggregateIdentifier");
        }
    }

    private static String catchMessage(CommandTargetResolver resolver, Object command) {
        try {
            resolver.resolveTarget(GenericCommandMessage.asCommandMessage(command));
            return "no exception";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** A command of {@code type} with a value for each of its components (a fresh one for an identifier). */
    private static Object sample(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        List<Object> values = new ArrayList<>();
        for (RecordComponent component : components) {
            values.add(valueOf(component.getType()));
        }
        Constructor<?> constructor = type.getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        constructor.setAccessible(true);
        return constructor.newInstance(values.toArray());
    }

    private static Object valueOf(Class<?> type) {
        if (type == UUID.class) {
            return UUID.randomUUID();
        }
        if (type == Long.class || type == long.class) {
            return 7L;
        }
        if (type == Integer.class || type == int.class) {
            return 3;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == String.class) {
            return "Chi bộ 3";
        }
        if (type == LocalDate.class) {
            return LocalDate.of(2026, 12, 3);
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type == List.class) {
            return List.of();
        }
        if (type == Set.class) {
            return Set.of();
        }
        if (type == Map.class) {
            return Map.of();
        }
        return null;
    }
}
