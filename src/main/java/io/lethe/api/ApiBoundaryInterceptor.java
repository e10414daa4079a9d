package io.lethe.api;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Outermost interceptor on API classes (before security and validation), see {@link ApiErrors}.
 * It reads the method's {@code @RolesAllowed} (else the class's) so a FORBIDDEN error can name
 * the roles that would have been accepted.
 */
@ApiBoundary
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class ApiBoundaryInterceptor {
    private static final Map<Method, List<String>> ROLES = new ConcurrentHashMap<>();

    @AroundInvoke
    Object translateFailures(InvocationContext context) throws Exception {
        Object result;
        try {
            result = context.proceed();
        } catch (Exception e) {
            throw ApiErrors.translate(e, allowedRoles(context.getMethod()));
        }
        if (result instanceof Uni<?> uni) {
            Method method = context.getMethod();
            return uni.onFailure().transform(failure -> ApiErrors.translate(failure, allowedRoles(method)));
        }
        if (result instanceof Multi<?> multi) {
            Method method = context.getMethod();
            return multi.onFailure().transform(failure -> ApiErrors.translate(failure, allowedRoles(method)));
        }
        return result;
    }

    static List<String> allowedRoles(Method method) {
        if (method == null) {
            return List.of();
        }
        return ROLES.computeIfAbsent(method, m -> {
            RolesAllowed roles = m.getAnnotation(RolesAllowed.class);
            if (roles == null) {
                roles = m.getDeclaringClass().getAnnotation(RolesAllowed.class);
            }
            return roles == null ? List.of() : List.of(roles.value());
        });
    }
}
