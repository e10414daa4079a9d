package io.lethe.api;

import io.lethe.ops.ProdAppResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** ErrorSurfaceTest against the packaged application (jar, or native binary with -Dnative), prod profile. */
@QuarkusIntegrationTest
@WithTestResource(ProdAppResource.class)
class ErrorSurfaceIT extends ErrorSurfaceTest {
}
