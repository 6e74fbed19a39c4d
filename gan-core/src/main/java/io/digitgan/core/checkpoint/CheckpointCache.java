package io.digitgan.core.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Downloaded checkpoints on this machine, one folder per manifest, named after the manifest's
 * sha256: the same checkpoint is downloaded once, and a checkpoint written again under the same
 * name (another manifest) is another entry. Every file is checked against the manifest while it
 * downloads; a folder appears (by rename) only when all of them matched. The newest
 * {@code maxEntries} entries by use are kept.
 */
final class CheckpointCache {

    private static final String TEMP_PREFIX = ".tmp-";

    private final Path root;
    private final int maxEntries;

    /** Opens one of a checkpoint's files at its source. */
    @FunctionalInterface
    interface Source {
        InputStream open(String fileName) throws IOException;
    }

    CheckpointCache(Path root, int maxEntries) {
        this.root = root.toAbsolutePath().normalize();
        this.maxEntries = maxEntries;
    }

    /** The folder a manifest's checkpoint has (or will have) here. */
    Path dirFor(String manifestSha256) {
        return root.resolve(manifestSha256);
    }

    /**
     * The checkpoint of {@code manifestJson} with its files here: from the cache, or downloaded
     * from {@code source} and checked.
     *
     * @throws ChecksumMismatchException when a downloaded file's size or sha256 is not the manifest's
     */
    synchronized Checkpoint get(byte[] manifestJson, CheckpointManifest manifest, Source source) throws IOException {
        Path dir = dirFor(Sha256.of(manifestJson));
        if (Files.isRegularFile(dir.resolve(CheckpointManifest.FILE_NAME))) {
            Files.setLastModifiedTime(dir, FileTime.from(Instant.now()));
            return Checkpoint.open(dir);
        }
        Files.createDirectories(root);
        removeTemporaries();
        Path temp = root.resolve(TEMP_PREFIX + dir.getFileName() + "-" + System.nanoTime());
        Files.createDirectory(temp);
        try {
            for (Map.Entry<String, CheckpointManifest.FileEntry> e : manifest.files().entrySet()) {
                download(source, e.getKey(), e.getValue(), temp.resolve(e.getKey()));
            }
            Files.write(temp.resolve(CheckpointManifest.FILE_NAME), manifestJson);
            CheckpointStore.deleteTree(dir); // a folder without its manifest: an earlier, interrupted copy
            try {
                Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) {
                CheckpointStore.deleteTree(temp);
            }
        } catch (IOException | RuntimeException e) {
            CheckpointStore.deleteTree(temp);
            throw e;
        }
        evictBeyond(maxEntries, dir);
        return Checkpoint.open(dir);
    }

    private static void download(Source source, String name, CheckpointManifest.FileEntry expected, Path target)
            throws IOException {
        MessageDigest digest = Sha256.newDigest();
        long size;
        try (InputStream in = source.open(name);
                OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
            size = in.transferTo(out);
        }
        if (size != expected.sizeBytes()) {
            throw new ChecksumMismatchException(target.getFileName(),
                    "downloaded " + size + " bytes, the manifest says " + expected.sizeBytes() + " (truncated?)");
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equalsIgnoreCase(expected.sha256())) {
            throw new ChecksumMismatchException(target.getFileName(),
                    "downloaded sha256 " + actual + " does not match the manifest's " + expected.sha256());
        }
    }

    /** The entries here, oldest use first. */
    synchronized List<Path> entries() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(p -> !p.getFileName().toString().startsWith(TEMP_PREFIX))
                    .sorted(Comparator.comparing(CheckpointCache::lastUse)).toList();
        }
    }

    private void evictBeyond(int keep, Path keepAlways) throws IOException {
        List<Path> all = entries();
        for (int i = 0; i < all.size() - keep; i++) {
            if (!all.get(i).equals(keepAlways)) {
                CheckpointStore.deleteTree(all.get(i));
            }
        }
    }

    private void removeTemporaries() throws IOException {
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path p : dirs.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX)).toList()) {
                CheckpointStore.deleteTree(p);
            }
        }
    }

    private static FileTime lastUse(Path dir) {
        try {
            return Files.getLastModifiedTime(dir);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
