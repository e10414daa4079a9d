package io.lethe.ops;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** HealthTest (probes and Prometheus metrics) against the packaged application, prod profile. */
@QuarkusIntegrationTest
@WithTestResource(ProdAppResource.class)
class HealthIT extends HealthTest {
}
