package io.lethe.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The DTOs registered for the native image still exist under the names listed. */
class NativeReflectionTest {
    @Test
    void everyRegisteredClassExists() {
        RegisterForReflection registration = NativeReflection.class.getAnnotation(RegisterForReflection.class);
        assertThat(registration.classNames()).isNotEmpty().contains("io.lethe.api.PageInfo");
        for (String name : registration.classNames()) {
            Class<?> type;
            try {
                type = Class.forName(name, false, NativeReflection.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new AssertionError(name + " is registered for reflection in io.lethe.ops.NativeReflection "
                        + "but no longer exists: update the list", e);
            }
            assertThat(type.isRecord()).as(name + " is a DTO record").isTrue();
        }
        assertThat(registration.methods()).isTrue();
        assertThat(registration.fields()).isTrue();
    }
}
