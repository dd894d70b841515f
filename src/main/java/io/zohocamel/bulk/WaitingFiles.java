package io.zohocamel.bulk;

import java.io.File;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * The bulk-inbox consumer's filter: a file waiting for API credits is not read again (every row
 * validated) at each scan, only once its credits fit, or every {@link #RECHECK} while they never can.
 * A file that changed is taken at once.
 */
public class WaitingFiles implements GenericFileFilter<File> {

    static final Duration RECHECK = Duration.ofMinutes(10);

    private record Wait(long size, long modified, Instant until) {
    }

    private final Map<String, Wait> waiting = new ConcurrentHashMap<>();
    private final Clock clock;

    public WaitingFiles(Clock clock) {
        this.clock = clock;
    }

    void waitFor(File file, Instant fitsAt) {
        // files taken out of the inbox while they waited are never offered again: forgotten here
        waiting.keySet().removeIf(path -> !new File(path).exists());
        Instant recheck = clock.instant().plus(RECHECK);
        Instant until = fitsAt == null || fitsAt.isAfter(recheck) ? recheck : fitsAt;
        waiting.put(file.getAbsolutePath(), new Wait(file.length(), file.lastModified(), until));
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        if (file.isDirectory()) {
            return true;
        }
        Wait wait = waiting.get(file.getAbsoluteFilePath());
        if (wait == null) {
            return true;
        }
        if (wait.size() != file.getFileLength() || wait.modified() != file.getLastModified()
                || !clock.instant().isBefore(wait.until())) {
            waiting.remove(file.getAbsoluteFilePath());
            return true;
        }
        return false;
    }
}
