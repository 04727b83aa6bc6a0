package org.samepath.localstack;

import org.samepath.testsupport.Infrastructure;
import org.samepath.testsupport.TestInfrastructure;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same end-to-end proof on real {@code apache/kafka} and {@code mongo} (replica set) containers. Skipped where
 * there is no Docker engine (this project's development machines and CI), where the embedded run covers it.
 */
@Testcontainers(disabledWithoutDocker = true)
class WalkingSkeletonOnContainersTests extends WalkingSkeletonEndToEndTests {

    @Override
    protected Infrastructure infrastructure() {
        return TestInfrastructure.containers();
    }
}
