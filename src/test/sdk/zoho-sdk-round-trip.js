// Drives Zoho's own Node SDK for API v8 against the Zoho sandbox, one step after the other (bulk write,
// mass update, Records API insert/update/upsert), and exits
// non-zero on any SDK exception or response of an unexpected type: where the SDK and the sandbox
// disagree, the SDK is right (ZohoSdkRoundTripIT runs this).
// Usage: node zoho-sdk-round-trip.js <sandbox-base-url> <comma-separated Lead ids> <cvid>
import * as ZOHOCRMSDK from "@zohocrm/nodejs-sdk-8.0";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const [baseUrl, leadIds, cvid] = process.argv.slice(2);
if (!baseUrl || !leadIds || !cvid) {
  console.error("usage: node zoho-sdk-round-trip.js <base-url> <lead-ids> <cvid>");
  process.exit(2);
}
const { BulkWrite, Record, Modules } = ZOHOCRMSDK;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "zoho-sdk-"));

function step(name, detail) {
  console.log(`STEP ${name} OK ${detail}`);
}

// the SDK hands back its response classes; anything else (APIException above all) is a failure
function expect(value, type, what) {
  if (!(value instanceof type)) {
    const shown = value && typeof value.getCode === "function"
      ? `${value.constructor.name} ${value.getCode()?.getValue?.() ?? value.getCode()}: ${value.getMessage?.()?.getValue?.() ?? value.getMessage?.()} ${JSON.stringify(Object.fromEntries(value.getDetails?.() ?? []))}`
      : String(value && value.constructor ? value.constructor.name : value);
    throw new Error(`${what}: expected ${type.name}, got ${shown}`);
  }
  return value;
}

// the SDK hands details back as a Map
function detail(response, key) {
  const value = response.getDetails().get(key);
  if (value === undefined || value === null) throw new Error(`response details lack ${key}`);
  return value;
}

async function initialize() {
  const token = new ZOHOCRMSDK.OAuthBuilder()
    .clientId("sandbox-client")
    .clientSecret("sandbox-secret")
    .refreshToken("sandbox-refresh-token")
    .build();
  const logger = new ZOHOCRMSDK.LogBuilder().level(ZOHOCRMSDK.Levels.OFF).filePath(path.join(work, "sdk.log")).build();
  await (await new ZOHOCRMSDK.InitializeBuilder())
    .environment(new ZOHOCRMSDK.Environment(baseUrl, `${baseUrl}/oauth/v2/token`, baseUrl))
    .token(token)
    .store(new ZOHOCRMSDK.FileStore(path.join(work, "tokens.txt")))
    .SDKConfig(new ZOHOCRMSDK.SDKConfigBuilder().pickListValidation(false).autoRefreshFields(false).build())
    .resourcePath(work)
    .logger(logger)
    .initialize();
  return token;
}

// a zip holding one stored (uncompressed) csv entry: enough for the upload, and no extra dependency
function zipOf(name, text) {
  const data = Buffer.from(text, "utf8");
  const file = Buffer.from(name, "utf8");
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(file.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16); central.writeUInt32LE(data.length, 20); central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(file.length, 28);
  const end = Buffer.alloc(22);
  const centralSize = central.length + file.length;
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralSize, 12); end.writeUInt32LE(local.length + file.length + data.length, 16);
  return Buffer.concat([local, file, data, central, file, end]);
}

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

async function uploadCsv() {
  const zipPath = path.join(work, "leads.zip");
  fs.writeFileSync(zipPath, zipOf("leads.csv", "Last_Name,Company\nSdk One,Acme\nSdk Two,Globex\n"));
  const body = new BulkWrite.FileBodyWrapper();
  body.setFile(new ZOHOCRMSDK.StreamWrapper(null, null, zipPath));
  const headers = new ZOHOCRMSDK.HeaderMap();
  await headers.add(BulkWrite.UploadFileHeader.FEATURE, "bulk-write");
  await headers.add(BulkWrite.UploadFileHeader.X_CRM_ORG, "sandbox-org");
  const response = await new BulkWrite.BulkWriteOperations().uploadFile(body, headers);
  const ok = expect(await response.getObject(), BulkWrite.SuccessResponse, "upload");
  const fileId = String(detail(ok, "file_id"));
  step("upload", `status=${response.getStatusCode()} file_id=${fileId}`);
  return fileId;
}

async function createJob(fileId) {
  const module = new Modules.MinifiedModule();
  module.setAPIName("Leads");
  const mappings = ["Last_Name", "Company"].map((name, index) => {
    const mapping = new BulkWrite.FieldMapping();
    mapping.setAPIName(name);
    mapping.setIndex(index);
    return mapping;
  });
  const resource = new BulkWrite.Resource();
  await resource.setType(new ZOHOCRMSDK.Choice("data"));
  await resource.setModule(module);
  resource.setFileId(fileId);
  resource.setIgnoreEmpty(true);
  resource.setFieldMappings(mappings);
  const request = new BulkWrite.RequestWrapper();
  request.setCharacterEncoding("UTF-8");
  await request.setOperation(new ZOHOCRMSDK.Choice("insert"));
  request.setResource([resource]);
  const response = await new BulkWrite.BulkWriteOperations().createBulkWriteJob(request);
  const ok = expect(await response.getObject(), BulkWrite.SuccessResponse, "create bulk-write job");
  const jobId = String(detail(ok, "id"));
  step("create-job", `status=${response.getStatusCode()} job_id=${jobId}`);
  return jobId;
}

async function pollJob(jobId) {
  for (let attempt = 1; attempt <= 100; attempt++) {
    const response = await new BulkWrite.BulkWriteOperations().getBulkWriteJobDetails(jobId);
    const job = expect(await response.getObject(), BulkWrite.BulkWriteResponse, "job details");
    const status = job.getStatus();
    if (status === "COMPLETED") {
      step("poll-job", `status=${status} attempts=${attempt} download_url=${job.getResult().getDownloadUrl()}`);
      return job.getResult().getDownloadUrl();
    }
    if (status === "FAILED") throw new Error(`bulk-write job ${jobId} FAILED`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`bulk-write job ${jobId} never COMPLETED`);
}

async function download(downloadUrl) {
  const response = await new BulkWrite.BulkWriteOperations().downloadBulkWriteResult(downloadUrl);
  const wrapper = expect(await response.getObject(), BulkWrite.FileBodyWrapper, "download");
  const stream = wrapper.getFile();
  const bytes = Buffer.from(stream.getStream()); // the SDK reads the whole body into a Buffer
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) throw new Error("download is not a zip");
  step("download", `status=${response.getStatusCode()} file=${stream.getName()} bytes=${bytes.length}`);
}

// by ids Zoho updates at once and answers one entry per id; by cvid it answers one entry with a job_id
async function massUpdate(name, target, key) {
  const record = new Record.Record();
  record.addKeyValue("Company", `Mass ${name}`);
  const body = new Record.MassUpdateBodyWrapper();
  body.setData([record]);
  target(body);
  const response = await new Record.RecordOperations("Leads").massUpdateRecords(body);
  const wrapper = expect(await response.getObject(), Record.MassUpdateActionWrapper, name);
  const values = wrapper.getData().map((entry) => String(detail(expect(entry, Record.MassUpdateSuccessResponse, name), key)));
  step(name, `status=${response.getStatusCode()} ${key}=${values.join(",")}`);
  return values;
}

async function massUpdateStatus(jobId) {
  const params = new ZOHOCRMSDK.ParameterMap();
  await params.add(Record.GetMassUpdateStatusParam.JOB_ID, jobId);
  const response = await new Record.RecordOperations("Leads").getMassUpdateStatus(params);
  const wrapper = expect(await response.getObject(), Record.MassUpdateResponseWrapper, "mass-update status");
  const status = expect(wrapper.getData()[0], Record.MassUpdate, "mass-update status");
  step("mass-update-status", `status=${response.getStatusCode()} job_status=${status.getStatus()?.getValue?.() ?? status.getStatus()} total=${status.getTotalCount()}`);
}

// Records API: one entry per record in input order, a SuccessResponse or an APIException (a record that
// failed); insert answers 201 when every record went in, 207 when some did, update and upsert 200
function lead(fields) {
  const record = new Record.Record();
  for (const [name, value] of Object.entries(fields)) record.addKeyValue(name, value);
  return record;
}

async function writeRecords(name, operation, records, duplicateCheckFields) {
  const body = new Record.BodyWrapper();
  body.setData(records);
  body.setTrigger([]);
  if (duplicateCheckFields) body.setDuplicateCheckFields(duplicateCheckFields);
  const response = await new Record.RecordOperations("Leads")[operation](body);
  const wrapper = expect(await response.getObject(), Record.ActionWrapper, name);
  return { status: response.getStatusCode(), entries: wrapper.getData() };
}

function value(choiceOrText) {
  return choiceOrText?.getValue?.() ?? choiceOrText;
}

async function createRecords() {
  const { status, entries } = await writeRecords("create-records", "createRecords",
    [lead({ Last_Name: "Sdk Record", Email: "sdk.record@zylker.com" }), lead({ Company: "No last name" })]);
  if (status !== 207) throw new Error(`create-records: HTTP ${status}, not 207`);
  const added = expect(entries[0], Record.SuccessResponse, "create-records[0]");
  const refused = expect(entries[1], Record.APIException, "create-records[1]");
  if (value(refused.getCode()) !== "MANDATORY_NOT_FOUND") throw new Error(`create-records[1]: ${value(refused.getCode())}`);
  const id = String(detail(added, "id"));
  step("create-records", `status=${status} id=${id} refused=${value(refused.getCode())}:${refused.getDetails().get("api_name")}`);
  return id;
}

async function updateRecords(id) {
  const record = lead({ Company: "Updated by the SDK" });
  record.setId(BigInt(id)); // the SDK takes record ids as BigInt only
  const { status, entries } = await writeRecords("update-records", "updateRecords", [record]);
  const updated = expect(entries[0], Record.SuccessResponse, "update-records");
  if (status !== 200 || String(detail(updated, "id")) !== id) throw new Error(`update-records: HTTP ${status}`);
  step("update-records", `status=${status} id=${id} message=${value(updated.getMessage())}`);
}

async function upsertRecords(id) {
  const { status, entries } = await writeRecords("upsert-records", "upsertRecords",
    [lead({ Last_Name: "Sdk Record", Email: "sdk.record@zylker.com", Company: "Upserted" }),
      lead({ Last_Name: "Sdk Upserted", Email: "sdk.upserted@zylker.com" })], ["Email"]);
  const [found, inserted] = entries.map((entry, i) => expect(entry, Record.SuccessResponse, `upsert-records[${i}]`));
  const actions = [value(found.getAction()), value(inserted.getAction())].join(",");
  if (status !== 200 || actions !== "update,insert" || String(detail(found, "id")) !== id) {
    throw new Error(`upsert-records: HTTP ${status} actions=${actions}`);
  }
  step("upsert-records", `status=${status} actions=${actions} duplicate_field=${found.getDuplicateField()}`);
}

async function main() {
  const token = await initialize();
  await token.generateToken();
  step("refresh-token", `access_token=${token.getAccessToken() ? "present" : "missing"}`);
  if (!token.getAccessToken()) throw new Error("no access token after refresh");
  const fileId = await uploadCsv();
  const jobId = await createJob(fileId);
  const downloadUrl = await pollJob(jobId);
  await download(downloadUrl);
  const ids = leadIds.split(",");
  const updated = await massUpdate("mass-update-ids", (body) => body.setIds(ids), "id");
  if (updated.join(",") !== ids.join(",")) throw new Error(`mass update by ids updated ${updated}, not ${ids}`);
  const [cvidJob] = await massUpdate("mass-update-cvid", (body) => body.setCvid(cvid), "job_id");
  await massUpdateStatus(cvidJob);
  const recordId = await createRecords();
  await updateRecords(recordId);
  await upsertRecords(recordId);
}

main().then(() => {
  console.log("ROUND TRIP OK");
  process.exit(0);
}, (err) => {
  console.error("ROUND TRIP FAILED:", err && err.stack ? err.stack : err);
  if (err && typeof err === "object") console.error(JSON.stringify(err, null, 2));
  process.exit(1);
});
