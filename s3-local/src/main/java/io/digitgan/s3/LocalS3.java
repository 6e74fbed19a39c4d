package io.digitgan.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 API server on 127.0.0.1 (s3proxy over a folder, one file per object), for tests and
 * benchmarks of the object-store checkpoints: the protocol, signatures and errors of S3, without
 * Docker. It can be stopped and started again on the same port and folder, as an outage.
 */
public final class LocalS3 implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private BlobStoreContext context;
    private S3Proxy proxy;

    public LocalS3(Path dir, int port, String accessKey, String secretKey) {
        this.dir = dir.toAbsolutePath();
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /**
     * A server on a free port with a test key pair. The port is the kernel's choice: a client's
     * connection may take it while the server is stopped; where a test stops and restarts the
     * server while other processes are busy, give it a port from below the ephemeral range
     * ({@link #onPort}).
     */
    public static LocalS3 onFreePort(Path dir) {
        return onPort(dir, freePort());
    }

    /** A server on {@code port} with a test key pair. */
    public static LocalS3 onPort(Path dir, int port) {
        return new LocalS3(dir, port, "digitgan-test", "digitgan-test-secret");
    }

    public synchronized LocalS3 start() {
        try {
            Files.createDirectories(dir);
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", dir.toString());
            context = ContextBuilder.newBuilder("filesystem").overrides(properties).buildView(BlobStoreContext.class);
            proxy = S3Proxy.builder()
                    .blobStore(context.getBlobStore())
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                    // the AWS SDK sends x-amz-checksum-* headers s3proxy does not know: without this, 501
                    .ignoreUnknownHeaders(true)
                    .build();
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("s3proxy did not start on port " + port + ": " + proxy.getState());
                }
                Thread.sleep(20);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not start s3proxy on port " + port + ": " + e, e);
        }
    }

    /** Stops answering (connections refused); the objects stay in the folder for {@link #start()}. */
    public synchronized void stop() {
        try {
            if (proxy != null) {
                proxy.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not stop s3proxy: " + e, e);
        } finally {
            proxy = null;
            if (context != null) {
                context.close();
                context = null;
            }
        }
    }

    /** Creates a bucket (nothing when it exists). */
    public LocalS3 createBucket(String bucket) {
        context.getBlobStore().createContainerInLocation(null, bucket);
        return this;
    }

    /** The folder of one object, for tests that damage it behind the server's back. */
    public Path objectFile(String bucket, String key) {
        return dir.resolve(bucket).resolve(key);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    @Override
    public void close() {
        stop();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs a server until killed: {@code LocalS3 DIR PORT BUCKET ACCESS_KEY SECRET_KEY} (the
     * benchmarks' and a hand-made local object store's).
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 5) {
            System.err.println("usage: LocalS3 DIR PORT BUCKET ACCESS_KEY SECRET_KEY");
            System.exit(2);
        }
        LocalS3 s3 = new LocalS3(Path.of(args[0]), Integer.parseInt(args[1]), args[3], args[4]).start();
        s3.createBucket(args[2]);
        System.out.println("S3 API on " + s3.endpoint() + ", bucket " + args[2] + ", folder " + args[0]);
        Runtime.getRuntime().addShutdownHook(new Thread(s3::close));
        Thread.currentThread().join();
    }
}
