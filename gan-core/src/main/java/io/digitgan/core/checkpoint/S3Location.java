package io.digitgan.core.checkpoint;

import java.net.URI;
import java.time.Duration;

/**
 * Where an object-store checkpoint store is and how to reach it.
 *
 * @param bucket the bucket (null when not configured: the store then says so and does nothing)
 * @param prefix key prefix inside the bucket, "" or ending in '/' (e.g. {@code digitgan/})
 * @param endpoint the S3 API's address for a non-AWS server (MinIO, Ceph, SeaweedFS, s3proxy), or
 *     null for AWS itself
 * @param region the signing region
 * @param pathStyle {@code http://host/bucket/key} addressing, which most non-AWS servers need
 * @param accessKeyId the key pair, or null for the AWS SDK's usual chain (AWS_ACCESS_KEY_ID and
 *     AWS_SECRET_ACCESS_KEY, a profile, a pod's web identity, an instance role)
 * @param secretAccessKey its secret
 * @param writeTimeout how long a write waits for an unreachable store before it fails
 * @param cacheEntries how many downloaded checkpoints the local cache keeps
 * @param createBucket create the bucket when it does not exist (an in-cluster server of one's
 *     own); otherwise a missing bucket is a configuration error
 */
public record S3Location(String bucket, String prefix, URI endpoint, String region, boolean pathStyle,
        String accessKeyId, String secretAccessKey, Duration writeTimeout, int cacheEntries, boolean createBucket) {

    public S3Location {
        bucket = bucket == null || bucket.isBlank() ? null : bucket.strip();
        prefix = normalisePrefix(prefix);
        region = region == null || region.isBlank() ? "us-east-1" : region;
        accessKeyId = accessKeyId == null || accessKeyId.isBlank() ? null : accessKeyId;
        secretAccessKey = secretAccessKey == null || secretAccessKey.isBlank() ? null : secretAccessKey;
        writeTimeout = writeTimeout == null ? Duration.ofMinutes(10) : writeTimeout;
        cacheEntries = Math.max(cacheEntries, 2);
    }

    /** A bucket on a server at {@code endpoint} with a key pair and path-style addressing (tests, MinIO). */
    public static S3Location of(String bucket, String prefix, String endpoint, String accessKeyId, String secretAccessKey) {
        return new S3Location(bucket, prefix, URI.create(endpoint), "us-east-1", true, accessKeyId, secretAccessKey,
                null, 4, false);
    }

    /**
     * {@code s3://bucket/prefix} with the rest from the environment: DIGITGAN_CHECKPOINTS_S3_ENDPOINT
     * (or AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL), DIGITGAN_CHECKPOINTS_S3_PATH_STYLE (true when an
     * endpoint is given), AWS_REGION, and the key pair of the SDK's usual chain. For the command line.
     */
    public static S3Location fromUri(String uri, java.util.Map<String, String> env) {
        URI parsed = URI.create(uri);
        if (!"s3".equals(parsed.getScheme()) || parsed.getHost() == null) {
            throw new IllegalArgumentException("an object store location is s3://bucket/prefix, not " + uri);
        }
        String endpoint = firstSet(env, "DIGITGAN_CHECKPOINTS_S3_ENDPOINT", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL");
        String pathStyle = env.get("DIGITGAN_CHECKPOINTS_S3_PATH_STYLE");
        return new S3Location(parsed.getHost(), parsed.getPath(), endpoint == null ? null : URI.create(endpoint),
                firstSet(env, "DIGITGAN_CHECKPOINTS_S3_REGION", "AWS_REGION"),
                pathStyle != null ? Boolean.parseBoolean(pathStyle) : endpoint != null,
                env.get("DIGITGAN_CHECKPOINTS_S3_ACCESS_KEY_ID"), env.get("DIGITGAN_CHECKPOINTS_S3_SECRET_ACCESS_KEY"),
                null, 4, false);
    }

    /** The same store, creating its bucket when missing. */
    public S3Location creatingBucket() {
        return new S3Location(bucket, prefix, endpoint, region, pathStyle, accessKeyId, secretAccessKey, writeTimeout,
                cacheEntries, true);
    }

    /** {@code s3://bucket/prefix} */
    public String uri() {
        return "s3://" + bucket + "/" + prefix;
    }

    /** The location and, for a non-AWS server, its endpoint: for messages. */
    public String describe() {
        return uri() + (endpoint != null ? " at " + endpoint : "");
    }

    @Override
    public String toString() {
        return describe(); // never the secret
    }

    private static String normalisePrefix(String prefix) {
        if (prefix == null) {
            return "";
        }
        String p = prefix.replaceAll("^/+", "").replaceAll("/+$", "");
        return p.isEmpty() ? "" : p + "/";
    }

    private static String firstSet(java.util.Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
