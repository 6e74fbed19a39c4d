package io.digitgan.core.checkpoint;

import io.digitgan.core.config.GanConfig;
import io.digitgan.events.Quality;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Checkpoints in an S3-compatible object store, under {@code <prefix><run id>/epoch-NNNN/}.
 *
 * <p>An object store has no rename, so completeness is the manifest: a checkpoint's files are
 * uploaded first and its manifest last, and a reader takes only folders with a manifest. What a
 * killed writer left (files without a manifest) is never listed, and the run's next write deletes
 * it. A write waits out an unreachable store (retrying with backoff up to the write timeout)
 * rather than lose a checkpoint; refused credentials or a missing bucket fail at once.
 *
 * <p>A trainer's checkpoint is written to a local staging folder first (the newest one stays
 * there); readers download into a bounded local cache keyed by the manifest's sha256
 * ({@link CheckpointCache}) and check every file against the manifest. No folder is shared with
 * another process.
 */
public final class S3CheckpointStore implements CheckpointStore {

    private static final Logger LOG = LoggerFactory.getLogger(S3CheckpointStore.class);
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(5);
    /** A checkpoint's folder under a run ({@code <prefix>/<run>/epoch-0003/}), compiled once: listings match every key. */
    private static final Pattern EPOCH_FOLDER = Pattern.compile(".*/epoch-(\\d{4,9})/");
    private static final Pattern EPOCH_MANIFEST = Pattern.compile(
            ".*/epoch-(\\d{4,9})/" + Pattern.quote(CheckpointManifest.FILE_NAME));

    private final S3Location location;
    private final LocalCheckpointStore staging;
    private final CheckpointCache cache;
    private final Map<String, CachedManifest> manifests = new ConcurrentHashMap<>();
    private volatile S3Client client;

    private record CachedManifest(String eTag, byte[] json, CheckpointManifest manifest) {}

    /** @param localDir this process's own folder: staged writes and downloaded checkpoints */
    public S3CheckpointStore(S3Location location, Path localDir) {
        this.location = location;
        this.staging = new LocalCheckpointStore(localDir.resolve("staging"));
        this.cache = new CheckpointCache(localDir.resolve("cache"), location.cacheEntries());
    }

    public S3Location location() {
        return location;
    }

    @Override
    public Checkpoint write(String runId, int epoch, long globalStep, GanConfig config, Map<String, FileWriter> payload,
            Quality quality, Quality emaQuality, Double trainingSeconds) throws IOException {
        Checkpoint local = staging.write(runId, epoch, globalStep, config, payload, quality, emaQuality, trainingSeconds);
        String folder = key(relative(local)) + "/";
        LOG.info("uploading checkpoint {} to {}", relative(local), location.describe());
        long started = System.nanoTime();
        removeIncomplete(runId, folder, local.manifest().files().keySet());
        for (String name : local.manifest().files().keySet()) {
            Path file = local.dir().resolve(name);
            retrying("upload of " + folder + name, () -> client().putObject(b -> b.bucket(location.bucket()).key(folder + name),
                    RequestBody.fromFile(file)));
        }
        // the manifest last: its presence says the checkpoint is complete
        Path manifest = local.dir().resolve(CheckpointManifest.FILE_NAME);
        retrying("upload of " + folder + CheckpointManifest.FILE_NAME, () -> client().putObject(
                b -> b.bucket(location.bucket()).key(folder + CheckpointManifest.FILE_NAME).contentType("application/json"),
                RequestBody.fromFile(manifest)));
        LOG.info("checkpoint {} complete in {} ({} ms)", relative(local), location.uri(),
                (System.nanoTime() - started) / 1_000_000);
        staging.prune(runId, 1, Set.of()); // the newest stays staged; the store has them all
        return local;
    }

    /**
     * Deletes the run's folders that have files but no manifest (a write a killed trainer left).
     * The folder about to be written, when it exists (an epoch written again, or the one a killed
     * write left), loses its manifest first, so no reader takes it while its files change, and any
     * file the new checkpoint does not have; the others are replaced by the upload.
     */
    private void removeIncomplete(String runId, String writing, java.util.Collection<String> newNames) throws IOException {
        Map<String, List<String>> folders = retrying("listing of run " + runId, () -> folders(runId));
        for (Map.Entry<String, List<String>> folder : folders.entrySet()) {
            String manifest = folder.getKey() + CheckpointManifest.FILE_NAME;
            boolean complete = folder.getValue().contains(manifest);
            boolean rewritten = folder.getKey().equals(writing);
            if (complete && !rewritten) {
                continue;
            }
            if (!complete) {
                LOG.info("{} {}{}: an incomplete checkpoint (no manifest), left by an interrupted write",
                        rewritten ? "replacing" : "removing", location.uri(),
                        folder.getKey().substring(location.prefix().length()));
            }
            List<String> doomed = new ArrayList<>();
            if (complete) {
                doomed.add(manifest); // first: from here on no reader takes it
            }
            for (String key : folder.getValue()) {
                String name = key.substring(folder.getKey().length());
                if (!key.equals(manifest) && !(rewritten && newNames.contains(name))) {
                    doomed.add(key);
                }
            }
            for (String key : doomed) {
                retrying("delete of " + key, () -> client().deleteObject(b -> b.bucket(location.bucket()).key(key)));
            }
        }
    }

    /** The run's epoch folders ({@code <prefix><run>/epoch-NNNN/}) and their keys. */
    private Map<String, List<String>> folders(String runId) {
        Map<String, List<String>> folders = new TreeMap<>();
        for (S3Object object : objects(key(CheckpointStore.checkRunId(runId)) + "/")) {
            if (object.key().endsWith("/")) {
                continue; // a folder marker (consoles make them; so does a file-backed server): no file of ours
            }
            int slash = object.key().lastIndexOf('/');
            String folder = object.key().substring(0, slash + 1);
            if (EPOCH_FOLDER.matcher(folder).matches()) {
                folders.computeIfAbsent(folder, f -> new ArrayList<>()).add(object.key());
            }
        }
        return folders;
    }

    @Override
    public List<Checkpoint> list(String runId) throws IOException {
        List<S3Object> all = read("listing of run " + runId, () -> objects(key(CheckpointStore.checkRunId(runId)) + "/"));
        TreeMap<Integer, S3Object> manifestsByEpoch = new TreeMap<>();
        for (S3Object object : all) {
            Matcher m = EPOCH_MANIFEST.matcher(object.key());
            if (m.matches()) {
                manifestsByEpoch.put(Integer.parseInt(m.group(1)), object);
            }
        }
        List<Checkpoint> result = new ArrayList<>();
        for (S3Object object : manifestsByEpoch.values()) {
            try {
                CachedManifest m = manifest(object.key(), object.eTag());
                result.add(new Checkpoint(cache.dirFor(Sha256.of(m.json())), m.manifest()));
            } catch (IOException e) {
                LOG.warn("skipping {}: {}", object.key(), e.getMessage()); // the others are still good
            }
        }
        return result;
    }

    @Override
    public List<String> runs() throws IOException {
        return read("listing of runs", () -> {
            TreeSet<String> runs = new TreeSet<>();
            String token = null;
            do {
                String continuation = token;
                ListObjectsV2Response page = client().listObjectsV2(b -> b.bucket(location.bucket())
                        .prefix(location.prefix()).delimiter("/").continuationToken(continuation));
                for (CommonPrefix p : page.commonPrefixes()) {
                    String run = p.prefix().substring(location.prefix().length()).replaceAll("/$", "");
                    if (RUN_ID.matcher(run).matches()) {
                        runs.add(run);
                    }
                }
                token = page.nextContinuationToken();
            } while (token != null);
            return List.copyOf(runs);
        });
    }

    @Override
    public Checkpoint fetch(String relative) throws IOException {
        CheckpointStore.parseRelative(relative);
        String folder = key(relative.replaceAll("/$", "")) + "/";
        CachedManifest m;
        try {
            m = manifest(folder + CheckpointManifest.FILE_NAME, null);
        } catch (NoSuchKeyException e) {
            throw new IOException(location.uri() + relative + " is not a complete checkpoint: it has no "
                    + CheckpointManifest.FILE_NAME, e);
        }
        return cache.get(m.json(), m.manifest(), name -> read("download of " + folder + name,
                () -> client().getObject(b -> b.bucket(location.bucket()).key(folder + name))));
    }

    /** A manifest, from memory when its ETag is the one listed. */
    private CachedManifest manifest(String key, String eTag) throws IOException {
        CachedManifest known = manifests.get(key);
        if (known != null && eTag != null && eTag.equals(known.eTag())) {
            return known;
        }
        ResponseBytes<GetObjectResponse> bytes;
        try {
            bytes = client().getObjectAsBytes(b -> b.bucket(location.bucket()).key(key));
        } catch (NoSuchKeyException e) {
            manifests.remove(key);
            throw e;
        } catch (SdkException e) {
            throw failure("read of " + key, e);
        }
        byte[] json = bytes.asByteArray();
        CachedManifest fresh = new CachedManifest(bytes.response().eTag(), json,
                Checkpoint.parseManifest(json, location.uri() + key.substring(location.prefix().length())));
        manifests.put(key, fresh);
        return fresh;
    }

    @Override
    public List<String> prune(String runId, int keep, Set<Integer> keepEpochs) throws IOException {
        List<Checkpoint> all = list(runId);
        List<String> deleted = new ArrayList<>();
        for (int i = 0; i < all.size() - keep; i++) {
            Checkpoint c = all.get(i);
            if (keepEpochs.contains(c.epoch())) {
                continue;
            }
            String folder = key(relative(c)) + "/";
            // the manifest first: from then on no reader takes the checkpoint
            List<String> keys = new ArrayList<>(List.of(folder + CheckpointManifest.FILE_NAME));
            c.manifest().files().keySet().forEach(name -> keys.add(folder + name));
            for (String key : keys) {
                retrying("delete of " + key, () -> client().deleteObject(b -> b.bucket(location.bucket()).key(key)));
            }
            manifests.remove(folder + CheckpointManifest.FILE_NAME);
            deleted.add(relative(c));
        }
        return deleted;
    }

    @Override
    public void writeRunFile(String runId, String name, byte[] content) throws IOException {
        String key = key(CheckpointStore.checkRunId(runId)) + "/" + name;
        retrying("upload of " + key, () -> client().putObject(b -> b.bucket(location.bucket()).key(key),
                RequestBody.fromBytes(content)));
    }

    @Override
    public Optional<byte[]> readRunFile(String runId, String name) throws IOException {
        String key = key(CheckpointStore.checkRunId(runId)) + "/" + name;
        try {
            return Optional.of(read("read of " + key,
                    () -> client().getObjectAsBytes(b -> b.bucket(location.bucket()).key(key)).asByteArray()));
        } catch (IOException e) {
            if (e.getCause() instanceof NoSuchKeyException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public String uri(String relative) {
        return location.uri() + relative.replaceAll("/$", "") + "/";
    }

    @Override
    public String describe() {
        return location.describe();
    }

    @Override
    public void check() throws StoreUnavailableException {
        try {
            client().headBucket(b -> b.bucket(location.bucket()));
        } catch (S3Exception e) {
            if (e.statusCode() != 404 || !location.createBucket()) {
                throw failure("check", e);
            }
            createBucket();
        } catch (SdkException e) {
            throw failure("check", e);
        }
    }

    private void createBucket() throws StoreUnavailableException {
        try {
            client().createBucket(b -> b.bucket(location.bucket()));
            LOG.info("created the bucket {} (digitgan.checkpoints.s3.create-bucket)", location.uri());
        } catch (software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException e) {
            // another replica was first
        } catch (SdkException e) {
            throw failure("creation of the bucket", e);
        }
    }

    /** The object store's folders of a checkpoint (the key prefix of {@code relative}). */
    private String key(String relative) {
        return location.prefix() + relative;
    }

    private List<S3Object> objects(String prefix) {
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(location.bucket()).prefix(prefix);
        List<S3Object> all = new ArrayList<>();
        client().listObjectsV2Paginator(request.build()).contents().forEach(all::add);
        return all;
    }

    /** One call; any failure an IOException that names the store. */
    private <T> T read(String what, Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (SdkException e) {
            throw failure(what, e);
        }
    }

    /**
     * A call retried while the store is unreachable or answers 5xx, with backoff, up to the write
     * timeout; refused credentials, a missing bucket and other 4xx fail at once.
     */
    private <T> T retrying(String what, Call<T> call) throws IOException {
        long deadline = System.nanoTime() + location.writeTimeout().toNanos();
        long backoffMillis = 250;
        for (int attempt = 1;; attempt++) {
            try {
                T result = call.run();
                if (attempt > 1) {
                    LOG.info("object store {} answered again: {} done after {} attempts", location.describe(), what, attempt);
                }
                return result;
            } catch (SdkException e) {
                if (!transientFailure(e) || System.nanoTime() > deadline) {
                    throw failure(what + (attempt > 1 ? " (after " + attempt + " attempts over "
                            + location.writeTimeout() + " at most)" : ""), e);
                }
                LOG.warn("object store {} failed the {} ({}); trying again in {} ms", location.describe(), what,
                        e.getMessage(), backoffMillis);
            }
            try {
                Thread.sleep(backoffMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the object store " + location.describe(), e);
            }
            backoffMillis = Math.min(backoffMillis * 2, LONGEST_BACKOFF.toMillis());
        }
    }

    private static boolean transientFailure(SdkException e) {
        if (e instanceof S3Exception s3) {
            int status = s3.statusCode();
            return status >= 500 || status == 429 || status == 408;
        }
        return e instanceof SdkClientException; // connection refused or reset, timeouts
    }

    /** A failure as an exception that says which store, and which setting to look at when it is one. */
    private StoreUnavailableException failure(String what, SdkException e) {
        String store = "object store " + location.describe();
        String message;
        if (location.bucket() == null) {
            message = "no bucket configured for the object store (digitgan.checkpoints.s3.bucket)";
        } else if (e instanceof S3Exception s3 && (s3.statusCode() == 403 || s3.statusCode() == 401)) {
            message = store + " refused the credentials in the " + what + " (HTTP " + s3.statusCode() + " "
                    + errorCode(s3) + "; digitgan.checkpoints.s3.access-key-id and secret-access-key, or"
                    + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)";
        } else if (e instanceof S3Exception s3 && s3.statusCode() == 404 && !(e instanceof NoSuchKeyException)) {
            message = store + ": bucket '" + location.bucket() + "' does not exist (digitgan.checkpoints.s3.bucket)";
        } else if (e instanceof SdkClientException) {
            message = store + " is unreachable in the " + what + " (digitgan.checkpoints.s3.endpoint): " + e.getMessage();
        } else {
            message = store + ": the " + what + " failed: " + e.getMessage();
        }
        return new StoreUnavailableException(message, e);
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null ? e.awsErrorDetails().errorCode()
                : "Forbidden";
    }

    private S3Client client() {
        S3Client c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = newClient(location);
                }
                c = client;
            }
        }
        return c;
    }

    private static S3Client newClient(S3Location location) {
        AwsCredentialsProvider credentials = location.accessKeyId() != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(location.accessKeyId(), location.secretAccessKey()))
                : DefaultCredentialsProvider.builder().build();
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(60)))
                .region(Region.of(location.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(location.pathStyle())
                // checksums only where S3 requires them: most S3-compatible servers reject the SDK's
                // default CRC32 trailers; every file is checked against the manifest's sha256 instead
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (location.endpoint() != null) {
            builder.endpointOverride(location.endpoint());
        }
        return builder.build();
    }

    @FunctionalInterface
    private interface Call<T> {
        T run();
    }
}
