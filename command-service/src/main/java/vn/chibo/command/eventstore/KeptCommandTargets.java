package vn.chibo.command.eventstore;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.ReflectionUtils;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Which aggregate a command is for, as Axon's {@code AnnotationCommandTargetResolver} says (the first method, else the
 * first field, annotated {@link TargetAggregateIdentifier}; the same for {@link TargetAggregateVersion}), with the
 * annotated member found once per command class. Axon's resolver looks through every method and field of the command
 * and their annotations on each command: ~5% of the command-service's request threads' CPU (JFR, issue 7). Axon uses
 * this one for every aggregate because it is the configuration's {@link CommandTargetResolver} component.
 */
public final class KeptCommandTargets implements CommandTargetResolver {
    private static final ClassValue<Target> TARGETS = new ClassValue<>() {
        @Override
        protected Target computeValue(Class<?> commandType) {
            return new Target(annotated(commandType, TargetAggregateIdentifier.class),
                    annotated(commandType, TargetAggregateVersion.class));
        }
    };

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Target target = TARGETS.get(command.getPayloadType());
        Object payload = command.getPayload();
        Object identifier;
        Long version;
        try {
            identifier = valueOf(target.identifier(), payload);
            version = asLong(valueOf(target.version(), payload));
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("An exception occurred while extracting aggregate information form a command", e);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("The current security context does not allow extraction of aggregate "
                    + "information from the given command.", e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The value provided for the version is not a number.", e);
        }
        if (identifier == null) {
            throw new IllegalArgumentException(String.format("Invalid command. It does not identify the target aggregate. "
                    + "Make sure at least one of the fields or methods in the [%s] class contains the "
                    + "@TargetAggregateIdentifier annotation and that it returns a non-null value.",
                    command.getPayloadType().getSimpleName()));
        }
        return new VersionedAggregateIdentifier(identifier, version);
    }

    /** The members of a command class that give its aggregate's identifier and version: a method, a field, or null. */
    private record Target(AccessibleObject identifier, AccessibleObject version) {
    }

    private static AccessibleObject annotated(Class<?> type, Class<? extends java.lang.annotation.Annotation> annotation) {
        for (Method method : ReflectionUtils.methodsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(method, annotation)) {
                return ReflectionUtils.ensureAccessible(method);
            }
        }
        for (Field field : ReflectionUtils.fieldsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(field, annotation)) {
                return ReflectionUtils.ensureAccessible(field);
            }
        }
        return null;
    }

    private static Object valueOf(AccessibleObject member, Object payload)
            throws InvocationTargetException, IllegalAccessException {
        if (member instanceof Method method) {
            return method.invoke(payload);
        }
        if (member instanceof Field field) {
            return field.get(payload);
        }
        return null;
    }

    private static Long asLong(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        return Long.parseLong(value.toString());
    }
}
