package io.zohocamel.bulk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FileChecksumTest {

    @Test
    void sha256Hex(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "abc");
        assertThat(FileChecksum.sha256(f))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        Path empty = Files.write(dir.resolve("e"), new byte[0]);
        assertThat(FileChecksum.sha256(empty))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
