package io.lethe.ops;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** SmokeTest against the packaged application (jar, or native binary with -Dnative), prod profile. */
@QuarkusIntegrationTest
@WithTestResource(ProdAppResource.class)
class SmokeIT extends SmokeTest {
}
