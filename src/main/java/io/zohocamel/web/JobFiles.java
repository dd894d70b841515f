package io.zohocamel.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.zohocamel.bulk.BulkFolders;
import io.zohocamel.jobs.BulkFile;

/**
 * The files /jobs links to for a dropped file, by kind: its report, result and failed rows under
 * reports/, its error file under error/. A name is looked up from the file's record, never taken from
 * the URL, and a file is served only when it really lies in its folder (links followed): a record
 * pointing anywhere else, or a link planted in the folder, serves nothing.
 */
final class JobFiles {

    static final List<String> KINDS = List.of("report.json", "result.csv", "failed.csv", "error.json");

    private final Path reports;
    private final Path errors;

    /** @param reports reports.dir, @param errors error.dir (absolute, normalised) */
    JobFiles(Path reports, Path errors) {
        this.reports = reports;
        this.errors = errors;
    }

    /** The readable file of that kind for the file, when there is one. */
    Optional<Path> find(BulkFile file, String kind) {
        return candidate(file, kind).filter(JobFiles::isPlainFile).filter(path -> inside(path, root(kind)));
    }

    private Optional<Path> candidate(BulkFile f, String kind) {
        if ("error.json".equals(kind)) {
            // written beside the file in error/ (BulkError#writeBeside), under the same base name
            return Optional.ofNullable(f.location()).map(Path::of).filter(p -> p.getFileName() != null)
                    .map(p -> p.resolveSibling(BulkFolders.baseName(p.getFileName().toString()) + ".error.json"));
        }
        if (f.reportName() == null || f.module() == null || f.operation() == null || !KINDS.contains(kind)) {
            return Optional.empty();
        }
        return Optional.of(reports.resolve(f.module()).resolve(f.operation()).resolve(f.reportName() + "." + kind));
    }

    private Path root(String kind) {
        return "error.json".equals(kind) ? errors : reports;
    }

    private static boolean isPlainFile(Path path) {
        return Files.isRegularFile(path);
    }

    /** Inside {@code root} as the file system resolves both (.., links): the allow-list of where files are read. */
    private static boolean inside(Path path, Path root) {
        try {
            return path.toRealPath().startsWith(root.toRealPath());
        } catch (IOException | SecurityException gone) {
            return false;
        }
    }
}
