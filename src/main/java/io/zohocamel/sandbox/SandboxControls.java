package io.zohocamel.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fake CRM behind {@link ZohoSandbox}'s endpoints, and what tests and benchmarks do to it besides calling
 * it: inject faults, move its clock, mint and revoke tokens, seed data and jobs. A class of its own so that
 * ZohoSandbox reads as the endpoints and their lifecycle; sealed, since it exists for that one class.
 */
public abstract sealed class SandboxControls permits ZohoSandbox {

    final SandboxSettings settings;
    final SandboxClock clock = new SandboxClock();
    final SandboxIds ids = new SandboxIds();
    final SandboxFaults faults;
    final SandboxTokens tokens;
    final SandboxRecords records;
    final SandboxUploads uploads;
    final SandboxCallbacks callbacks = new SandboxCallbacks();
    final SandboxJobTimers jobTimers = new SandboxJobTimers(clock, this::applyDueJobs);
    final SandboxBulkJobs bulkJobs;
    final SandboxMassUpdates massUpdates;
    final SandboxStorage storage;

    SandboxControls(SandboxSettings settings) {
        this.settings = settings;
        this.faults = new SandboxFaults(settings);
        this.tokens = new SandboxTokens(clock, settings.tokenLifetime());
        this.storage = new SandboxStorage(settings.storage());
        this.records = new SandboxRecords(ids, clock, settings.maxRecords());
        this.uploads = new SandboxUploads(ids, clock, storage, settings.maxJobs());
        this.bulkJobs = new SandboxBulkJobs(clock, new SandboxBulkJobValidator(ids, clock, records, uploads, callbacks),
                new SandboxBulkJobRunner(records), callbacks, this::baseUrl, jobTimers::wakeAt, settings.jobStep(),
                storage, settings.maxJobs());
        this.massUpdates = new SandboxMassUpdates(ids, clock, records, settings.jobStep());
    }

    /** Where the sandbox listens (result download URLs point there). */
    abstract String baseUrl();

    private void applyDueJobs() {
        bulkJobs.tick();
        massUpdates.tick();
    }

    // ------------------------------------------------------------------------------------------ faults

    public void setLatency(Duration latency) {
        faults.latency = latency;
    }

    public void setRate429(double rate) {
        faults.rate429 = rate;
    }

    public void setRate500(double rate) {
        faults.rate500 = rate;
    }

    public void setConcurrencyCap(int cap) {
        faults.concurrencyCap = cap;
    }

    /**
     * The next {@code count} successful calls of this endpoint ({@link ZohoSandbox}'s pattern constants) are
     * carried out and then answered 500 INTERNAL_ERROR: the job is made, the records written, the answer lost.
     */
    public void loseAnswers(String method, String pattern, int count) {
        faults.loseAnswers(method, pattern, count);
    }

    /** After {@code after} more calls of this endpoint, each is refused (400 with {@code code}) without being carried out. */
    public void refuseCalls(String method, String pattern, int after, String code) {
        faults.refuseCalls(method, pattern, after, code);
    }

    /** Every call, the token endpoint included, answers 500 INTERNAL_ERROR while on. */
    public void setOutage(boolean outage) {
        faults.outage = outage;
    }

    /**
     * The org's API credits left: sent as X-API-CREDITS-REMAINING on every API answer; at 0 every API call
     * is refused (429 TOO_MANY_REQUESTS, "Number of API requests for the 24 hour period is exceeded").
     * Null (the default): plenty left, no header.
     */
    public void setCreditsRemaining(Long credits) {
        faults.creditsRemaining = credits;
    }

    /** Makes the random 429/500 draws reproducible. */
    public void setRandomSeed(long seed) {
        faults.seed(seed);
    }

    /** Lifetime of tokens minted from now on. */
    public void setTokenLifetime(Duration lifetime) {
        tokens.setLifetime(lifetime);
    }

    /** State duration of jobs created from now on. */
    public void setJobStep(Duration step) {
        bulkJobs.setStep(step);
        massUpdates.setStep(step);
    }

    /**
     * How long jobs created from now on wait (ADDED, SCHEDULED) before they run for one job step; null = one
     * job step (the default).
     */
    public void setJobQueue(Duration queue) {
        bulkJobs.setQueue(queue);
        massUpdates.setQueue(queue);
    }

    /**
     * Whether a running bulk-write job's details carry the file's counts so far (default true); off, they
     * appear only once the job is done, as Zoho documents them.
     */
    public void setRunningCounts(boolean on) {
        bulkJobs.setRunningCounts(on);
    }

    /** When a bulk-write or scheduled mass-update job ends (COMPLETED or FAILED), or null when unknown. */
    public Instant jobEndsAt(String jobId) {
        SandboxBulkJob bulk = bulkJobs.job(jobId);
        return bulk != null ? bulk.completesAt() : massUpdates.completesAt(jobId);
    }

    /** "IN PROGRESS" (default) or the older "INPROGRESS" spelling of the bulk-write job status. */
    public void setInProgressSpelling(String spelling) {
        bulkJobs.setInProgressSpelling(spelling);
    }

    /** Moves the sandbox clock forward (token expiry, refresh budget window, job states) without sleeping. */
    public void advanceTime(Duration by) {
        clock.advance(by);
        applyDueJobs();
    }

    public Instant now() {
        return clock.now();
    }

    /** The job vanishes: job details answer RESOURCE_NOT_FOUND, mass-update status 404. */
    public boolean forgetJob(String jobId) {
        boolean bulk = bulkJobs.forget(jobId);
        boolean mass = massUpdates.forget(jobId);
        return bulk || mass;
    }

    /** New cvid mass-update jobs end FAILED (nothing written) while on. */
    public void setFailMassUpdates(boolean fail) {
        massUpdates.setFailJobs(fail);
    }

    /** Callback URLs on this host are refused at job creation (INVALID_CALLBACK_URL, "possible ssrf attempt"). */
    public void blockCallbackHost(String host) {
        callbacks.block(host);
    }

    /** Off = completed jobs do not POST their callback (tests replaying examples with real-world URLs). */
    public void setCallbacksEnabled(boolean enabled) {
        callbacks.setEnabled(enabled);
    }

    public List<SandboxCallback> callbacks() {
        return callbacks.log();
    }

    // ------------------------------------------------------------------------------------------ tokens

    /** A token carrying every scope, without touching the refresh budget. */
    public String mintToken() {
        return tokens.mint(SandboxTokens.ALL_SCOPES);
    }

    /**
     * A token with just these scopes ({@link ZohoSandbox#SCOPE_BULK}, {@link ZohoSandbox#SCOPE_MASS_UPDATE},
     * {@link ZohoSandbox#SCOPE_SETTINGS}, {@link ZohoSandbox#SCOPE_MODULES} or a narrower settings or module scope);
     * others get 401 OAUTH_SCOPE_MISMATCH.
     */
    public String mintToken(Set<String> scopes) {
        return tokens.mint(scopes);
    }

    /** All access tokens issued so far answer 401 INVALID_TOKEN from now on. */
    public void revokeTokens() {
        tokens.revokeAll();
    }

    /** The token endpoint answers {"error":"invalid_code"} for this refresh token from now on. */
    public void revokeRefreshToken(String refreshToken) {
        tokens.revokeRefreshToken(refreshToken);
    }

    /** Access tokens minted by the token endpoint (not by {@link #mintToken}). */
    public int tokensMinted() {
        return tokens.minted();
    }

    // ------------------------------------------------------------------------------------------ data

    /** Registers a custom module (standard modules are known already). */
    public void addModule(String apiName) {
        records.addModule(apiName);
    }

    /** Registers a field mass update may touch on a module with a known field list (Leads, Contacts, Accounts, Deals). */
    public void addField(String module, String field) {
        records.addField(canonical(module), field);
    }

    /** The layout's mandatory fields for insert/upsert (defaults: Leads/Contacts Last_Name, Accounts Account_Name, Deals Deal_Name+Stage). */
    public void setMandatoryFields(String module, List<String> fields) {
        records.setMandatoryFields(canonical(module), fields);
    }

    /** Snapshot of a module's records, each with its "id"; due jobs are applied first. */
    public List<Map<String, String>> records(String module) {
        applyDueJobs();
        return records.snapshot(canonical(module));
    }

    public String putRecord(String module, Map<String, String> fields) {
        return records.insert(canonical(module), fields);
    }

    public String putRecord(String module, String id, Map<String, String> fields) {
        return records.insert(canonical(module), id, fields);
    }

    /** Makes a file id known as if it had been uploaded (name = CSV file name inside the ZIP). */
    public void seedFile(String fileId, String name, List<String> header, List<List<String>> rows) {
        uploads.seed(SandboxCsvFile.of(fileId, name, header, rows, clock.now()));
    }

    /** The last {@value SandboxUploads#LOG_SIZE} accepted uploads, oldest first. */
    public List<SandboxUpload> uploads() {
        return uploads.log();
    }

    /** Uploaded (and seeded) files the sandbox still knows: at most max-jobs. */
    public int retainedFiles() {
        return uploads.fileCount();
    }

    /** Records the sandbox keeps for a module: at most max-records. */
    public int retainedRecords(String module) {
        return records.count(canonical(module));
    }

    /** Creates a bulk-write job with a given id from a create-job request body; throws with Zoho's error body if invalid. */
    public String seedBulkJob(String jobId, String createJobJson) {
        SandboxResponse r = bulkJobs.create(jobId, SandboxJson.parse(createJobJson.getBytes(StandardCharsets.UTF_8)));
        if (r.status() != 201) {
            throw new IllegalArgumentException(new String(r.body(), StandardCharsets.UTF_8));
        }
        return jobId;
    }

    /** Current status of a bulk-write job (ADDED, IN PROGRESS, COMPLETED), or null when unknown. */
    public String bulkJobStatus(String jobId) {
        applyDueJobs();
        SandboxBulkJob job = bulkJobs.job(jobId);
        return job == null ? null : bulkJobs.status(job, clock.now());
    }

    /** Schedules a cvid mass-update job with a given id, created now; fail = it ends FAILED. */
    public void seedMassUpdateJob(String jobId, String module, String cvid, Map<String, String> values, boolean fail) {
        massUpdates.seed(jobId, canonical(module), cvid, values, fail);
    }

    /** Module names are case-insensitive, as in Zoho's URLs; unknown names are used as given. */
    private String canonical(String module) {
        return records.module(module).orElse(module);
    }
}
