package io.initlab;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing prerequisite skips a test on a developer's machine and fails it on CI. */
class PrerequisitesTest {
    @Test
    void missingFailsOnCiAndSkipsElsewhere() {
        assertThatThrownBy(() -> Prerequisites.require(false, "mnist is missing under /d", "run scripts/fetch-data.sh", true))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("CI=true but mnist is missing under /d: run scripts/fetch-data.sh");
        assertThatThrownBy(() -> Prerequisites.require(false, "mnist is missing under /d", "run scripts/fetch-data.sh", false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("mnist is missing under /d: run scripts/fetch-data.sh");
        assertThatCode(() -> Prerequisites.require(true, "x", "y", true)).doesNotThrowAnyException();
    }
}
