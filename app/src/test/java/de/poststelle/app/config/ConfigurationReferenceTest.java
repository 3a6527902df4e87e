package de.poststelle.app.config;

import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.ResolvableType;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md documents exactly the {@code poststelle.*} keys that the code binds: every
 * {@code @ConfigurationProperties} class of the project is walked by reflection, so a new setting
 * without a line in the reference (or a documented key the code no longer has) fails here.
 */
class ConfigurationReferenceTest {

    private static final Path REFERENCE = Path.of("../docs/configuration.md");
    /** The first cell of a table row, when it is one key in backticks. */
    private static final Pattern DOCUMENTED_KEY = Pattern.compile("^\\| `(poststelle\\.[^`]+)` \\|", Pattern.MULTILINE);

    @Test
    void everyBoundKeyIsDocumentedAndEveryDocumentedKeyIsBound() throws IOException {
        Set<String> bound = boundKeys();
        Set<String> documented = documentedKeys();

        assertThat(bound).as("the walk over the properties classes found the known keys")
                .contains("poststelle.smtp.port", "poststelle.admin.lockout-attempts", "poststelle.routes[].host");
        assertThat(difference(bound, documented)).as("keys in the code but missing in " + REFERENCE).isEmpty();
        assertThat(difference(documented, bound)).as("keys in " + REFERENCE + " that the code does not bind").isEmpty();
    }

    private static Set<String> boundKeys() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Set<String> keys = new TreeSet<>();
        scanner.findCandidateComponents("de.poststelle").forEach(definition -> {
            Class<?> type = load(definition.getBeanClassName());
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
            collect(prefix, ResolvableType.forClass(type), keys);
        });
        return keys;
    }

    /** Adds the keys of one bound type: leaves as they are, nested objects and list elements walked into. */
    private static void collect(String prefix, ResolvableType type, Set<String> keys) {
        Class<?> raw = type.resolve(Object.class);
        if (raw.isRecord()) {
            for (var component : raw.getRecordComponents()) {
                collectProperty(prefix + "." + kebab(component.getName()), ResolvableType.forType(component.getGenericType()), keys);
            }
            return;
        }
        for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(raw)) {
            if (property.getWriteMethod() != null) {
                collectProperty(prefix + "." + kebab(property.getName()),
                        ResolvableType.forMethodReturnType(property.getReadMethod(), raw), keys);
            }
        }
    }

    private static void collectProperty(String key, ResolvableType type, Set<String> keys) {
        Class<?> raw = type.resolve(Object.class);
        if (Collection.class.isAssignableFrom(raw)) {
            ResolvableType element = type.asCollection().getGeneric(0);
            if (isLeaf(element.resolve(Object.class))) {
                keys.add(key);
            } else {
                collect(key + "[]", element, keys);
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            keys.add(key + ".*");
        } else if (isLeaf(raw)) {
            keys.add(key);
        } else {
            collect(key, type, keys);
        }
    }

    /** Our own classes are walked into, except enums; everything else (String, Duration, Path …) is a value. */
    private static boolean isLeaf(Class<?> type) {
        return type.isPrimitive() || type.isEnum() || !type.getName().startsWith("de.poststelle.");
    }

    private static Set<String> documentedKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        Matcher matcher = DOCUMENTED_KEY.matcher(Files.readString(REFERENCE));
        while (matcher.find()) {
            // domains[n].allowed-senders[m] is written with its index for readers; the code's key has none.
            keys.add(matcher.group(1).replaceAll("\\[[a-z]]", "[]").replaceAll("\\[]$", ""));
        }
        return keys;
    }

    private static String kebab(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static Set<String> difference(Set<String> left, Set<String> right) {
        Set<String> result = new TreeSet<>(left);
        result.removeAll(right);
        return result;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
