package io.mediajobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteSizesTest {

    @Test
    void humanSizes() {
        assertThat(ByteSizes.human(2L * 1024 * 1024 * 1024)).isEqualTo("2 GB");
        assertThat(ByteSizes.human(256 * 1024)).isEqualTo("256 KB");
        assertThat(ByteSizes.human(5 * 1024 * 1024)).isEqualTo("5 MB");
        assertThat(ByteSizes.human(1000)).isEqualTo("1000 bytes");
    }
}
