package io.zohocamel.sandbox;

import java.time.Instant;
import java.util.List;

/** An uploaded (or seeded) CSV as the bulk-write job will read it: header plus data rows. */
public record SandboxCsvFile(String fileId, String name, List<String> header, List<List<String>> rows,
                             Instant createdTime) {

    public SandboxCsvFile {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
    }
}
