package io.digitgan.service.checkpoints;

import io.digitgan.core.checkpoint.S3Location;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the checkpoints are, under {@code digitgan.checkpoints.*}: the trainer writes there, the
 * generator reads (see each service's README).
 */
@ConfigMapping(prefix = "digitgan.checkpoints")
public interface CheckpointStoreSettings {

    /** {@code local}: a folder ({@code dir}); {@code s3}: an S3-compatible object store ({@code s3.*}). */
    @WithDefault("local")
    Backend store();

    /** The store itself (local), or this process's own staging and download cache (s3: an emptyDir on Kubernetes). */
    @WithDefault("data/checkpoints")
    Path dir();

    S3 s3();

    enum Backend {
        LOCAL, S3
    }

    /** The object store (DIGITGAN_CHECKPOINTS_S3_BUCKET, ..._ENDPOINT, ...). */
    interface S3 {
        Optional<String> bucket();

        /** Key prefix inside the bucket, e.g. {@code digitgan/}. */
        Optional<String> prefix();

        /** The S3 API of a non-AWS server (MinIO, Ceph, SeaweedFS); absent for AWS. */
        Optional<URI> endpoint();

        /** Signing region; absent: AWS_REGION, else us-east-1. */
        Optional<String> region();

        /** {@code http://host/bucket/key} addressing: most non-AWS servers need it. */
        @WithDefault("false")
        boolean pathStyle();

        /** The key pair; absent: the AWS SDK's usual chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, web identity, ...). */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** How long a write waits for an unreachable store before the run fails. */
        @WithDefault("10m")
        Duration writeTimeout();

        /** Downloaded checkpoints kept on this machine. */
        @WithDefault("4")
        int cacheEntries();

        /** Create the bucket when it does not exist (an in-cluster server of one's own). */
        @WithDefault("false")
        boolean createBucket();
    }

    /** The object store's location, or null for the local folder. */
    default S3Location s3Location() {
        if (store() != Backend.S3) {
            return null;
        }
        S3 s3 = s3();
        return new S3Location(s3.bucket().orElse(null), s3.prefix().orElse(""), s3.endpoint().orElse(null),
                s3.region().orElse(System.getenv("AWS_REGION")), s3.pathStyle(), s3.accessKeyId().orElse(null),
                s3.secretAccessKey().orElse(null), s3.writeTimeout(), s3.cacheEntries(), s3.createBucket());
    }
}
