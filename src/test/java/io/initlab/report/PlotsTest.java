package io.initlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

class PlotsTest {

    static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    static void assertPng(Path p) throws IOException {
        assertThat(p).isRegularFile();
        byte[] b = Files.readAllBytes(p);
        assertThat(b.length).as(p + " size").isGreaterThan(1000);
        assertThat(Arrays.copyOf(b, 8)).as(p + " magic").isEqualTo(PNG_MAGIC);
    }

    static void assertSvg(Path p) throws IOException {
        assertThat(p).isRegularFile();
        assertThat(Files.readString(p)).contains("<svg");
    }
}
