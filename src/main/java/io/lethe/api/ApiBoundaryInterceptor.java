package io.lethe.api;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.smallrye.mutiny.Uni;

/** Outermost interceptor on API classes (before security and validation), see {@link ApiErrors}. */
@ApiBoundary
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class ApiBoundaryInterceptor {

    @AroundInvoke
    Object translateFailures(InvocationContext context) throws Exception {
        Object result;
        try {
            result = context.proceed();
        } catch (Exception e) {
            throw ApiErrors.translate(e);
        }
        if (result instanceof Uni<?> uni) {
            return uni.onFailure().transform(ApiErrors::translate);
        }
        return result;
    }
}
