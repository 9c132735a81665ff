package com.abacus.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.abacus.IntegrationTest;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Every event a module publishes is written to the event publication table and read back when it is re-delivered
 * (after a crash, on restart). An event that cannot be read back would be lost exactly when it matters, so each one
 * makes the round trip here with the application's own serializer.
 */
@IntegrationTest
class EventRecordIntegrationTests {

    @Autowired
    EventSerializer serializer;

    @Autowired
    ApplicationContext context;

    @Test
    void everyPublishedEventSurvivesTheRoundTripThroughTheEventPublicationTable() throws Exception {
        // The events recorded in the publication table are those some listener handles after commit.
        List<Class<?>> types = java.util.Arrays.stream(context.getBeanDefinitionNames())
                .map(name -> context.getType(name))
                .filter(type -> type != null && type.getName().startsWith("com.abacus"))
                .map(org.springframework.util.ClassUtils::getUserClass)
                .flatMap(type -> java.util.Arrays.stream(type.getDeclaredMethods()))
                .filter(method -> AnnotatedElementUtils.hasAnnotation(method, TransactionalEventListener.class))
                .<Class<?>>map(method -> method.getParameterTypes()[0])
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        // And those sent to Kafka when externalisation is on.
        var scanner = new org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new org.springframework.core.type.filter.AnnotationTypeFilter(
                org.springframework.modulith.events.Externalized.class));
        for (var candidate : scanner.findCandidateComponents("com.abacus")) {
            types.add(Class.forName(candidate.getBeanClassName()));
        }
        types = types.stream().distinct().toList();
        assertThat(types).as("events found").hasSizeGreaterThanOrEqualTo(18);
        List<String> broken = new ArrayList<>();
        for (Class<?> type : types) {
            Object event = sample(type, type);
            try {
                Object stored = serializer.serialize(event);
                Object read = serializer.deserialize(stored, type);
                if (!event.equals(read)) {
                    broken.add(type.getSimpleName() + ": read back as " + read + ", written as " + event);
                }
            } catch (RuntimeException e) {
                broken.add(type.getSimpleName() + ": " + e.getMessage());
            }
        }
        assertThat(broken).isEmpty();
    }

    /** A value of every component, so that each field is present in the JSON. */
    private static Object sample(Type type, Class<?> owner) throws Exception {
        Class<?> raw = type instanceof ParameterizedType parameterized
                ? (Class<?>) parameterized.getRawType()
                : (Class<?>) type;
        if (raw == String.class) {
            return "x";
        } else if (raw == long.class || raw == Long.class) {
            return 7L;
        } else if (raw == int.class || raw == Integer.class) {
            return 3;
        } else if (raw == boolean.class || raw == Boolean.class) {
            return true;
        } else if (raw == Instant.class) {
            return Instant.now().truncatedTo(ChronoUnit.MICROS);
        } else if (raw == java.time.YearMonth.class) {
            return java.time.YearMonth.of(2026, 11);
        } else if (raw == LocalDate.class) {
            return LocalDate.of(2026, 11, 1);
        } else if (raw == Duration.class) {
            return Duration.ofDays(3);
        } else if (raw == UUID.class) {
            return UUID.randomUUID();
        } else if (raw == BigDecimal.class) {
            return new BigDecimal("12.34");
        } else if (raw == Currency.class) {
            return Currency.getInstance("EUR");
        } else if (raw == ZoneId.class) {
            return ZoneId.of("Europe/Berlin");
        } else if (raw.isEnum()) {
            return raw.getEnumConstants()[0];
        } else if (raw == List.class || raw == Set.class) {
            Object element = sample(((ParameterizedType) type).getActualTypeArguments()[0], owner);
            return raw == List.class ? List.of(element) : Set.of(element);
        } else if (raw == Map.class) {
            Type[] arguments = ((ParameterizedType) type).getActualTypeArguments();
            return Map.of(sample(arguments[0], owner), sample(arguments[1], owner));
        } else if (raw.isRecord()) {
            RecordComponent[] components = raw.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] parameterTypes = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                values[i] = sample(components[i].getGenericType(), owner);
                parameterTypes[i] = components[i].getType();
            }
            return raw.getDeclaredConstructor(parameterTypes).newInstance(values);
        }
        throw new IllegalStateException(
                "No sample for " + type + " in " + owner.getSimpleName() + "; add one to this test");
    }
}
