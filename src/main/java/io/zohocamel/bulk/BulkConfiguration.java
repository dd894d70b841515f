package io.zohocamel.bulk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.zohocamel.common.GeneratedSecrets;
import io.zohocamel.jobs.CreditLedger;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.PollSchedule;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/** The drop folder's beans: the folders, the CSV chunker, and what the bulk routes call. */
public class BulkConfiguration implements CamelConfiguration {

    @PropertyInject("data.dir")
    private String dataDir;
    @PropertyInject("inbox.dir")
    private String inbox;
    @PropertyInject("done.dir")
    private String done;
    @PropertyInject("error.dir")
    private String error;
    @PropertyInject("reports.dir")
    private String reports;
    @PropertyInject("bulk.parallelism")
    private int parallelism;
    @PropertyInject("bulk.compression-level")
    private int compressionLevel;
    @PropertyInject("bulk.parallel-uploads")
    private int parallelUploads;
    @PropertyInject("bulk.max-result-bytes")
    private long maxResultBytes;
    @PropertyInject("bulk.records-api-max-rows")
    private long recordsApiMaxRows;
    @PropertyInject("zoho.max-concurrent-calls")
    private int maxConcurrentCalls;
    @PropertyInject("http.public-url")
    private String publicUrl;

    @Override
    public void configure(CamelContext context) throws Exception {
        BulkFolders folders = BulkFolders.of(inbox, done, error, reports);
        for (Path folder : List.of(folders.inbox(), folders.done(), folders.error(), folders.reports())) {
            Files.createDirectories(folder);
        }
        JobStore store = context.getRegistry().findSingleByType(JobStore.class);
        // the inbox's filter: files waiting for API credits are not read at every scan
        WaitingFiles waiting = new WaitingFiles(java.time.Clock.systemUTC());
        context.getRegistry().bind("bulkWaitingFiles", waiting);
        CsvChunker chunker = new CsvChunker(ChunkerSettings.defaults().withParallelism(parallelism)
                .withCompressionLevel(compressionLevel));
        PollSchedule schedule = context.getRegistry().findSingleByType(PollSchedule.class);
        BulkReports bulkReports = new BulkReports(store, folders, new ResultMerger(), maxResultBytes,
                schedule.firstInterval());
        context.getRegistry().bind("bulkReports", bulkReports);
        context.getRegistry().bind("bulkEvents", new BulkEvents(store, folders, Path.of(dataDir)));
        context.getRegistry().bind("bulkChunks", new BulkChunks(store, schedule, callbackUrl()));
        context.getRegistry().bind("bulkIntake", new BulkIntake(store, chunker, folders, bulkReports, parallelUploads,
                context.getRegistry().findSingleByType(CreditLedger.class), waiting, recordsApiMaxRows));
        context.getRegistry().bind("bulkRecords", new BulkRecords(store));
        // a small file's Records API calls, as many at once as Zoho allows; the bounded queue and the split's
        // own thread running what does not fit keep the reading at most a few calls ahead (memory stays flat
        // even for a large file job.json sends this way)
        CallsInFlight inFlight = new CallsInFlight(Duration.ofMinutes(2));
        context.getRegistry().bind("bulkCallsInFlight", inFlight);
        context.getRegistry().bind("bulkRecordsExecutor", inFlight.track(context.getExecutorServiceManager()
                .newThreadPool(this, "bulk-records", new ThreadPoolProfileBuilder("bulk-records").poolSize(maxConcurrentCalls)
                        .maxPoolSize(maxConcurrentCalls).maxQueueSize(maxConcurrentCalls)
                        .rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns).build())));
        // one more thread than uploads: the split's own reading may wait on one of them (ChunkStream bounds the uploads)
        context.getRegistry().bind("bulkUploadExecutor", inFlight.track(
                context.getExecutorServiceManager().newFixedThreadPool(this, "bulk-uploads", parallelUploads + 1)));
    }

    /** Where Zoho tells a finished job (web's zoho-callback route); none without a public URL. */
    private String callbackUrl() {
        if (publicUrl == null || publicUrl.isBlank()) {
            return null;
        }
        String secret = GeneratedSecrets.under(dataDir).callbackSecret();
        return publicUrl.trim().replaceAll("/+$", "") + "/zoho/callback/" + secret;
    }
}
