package io.digitgan.core.data;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** Where each dataset's idx files are: by default {@code <root>/<dataset id>}, each one settable. */
public final class DataFolders {

    private final Map<Dataset, Path> folders = new EnumMap<>(Dataset.class);

    private DataFolders() {}

    /** Every dataset in its folder under {@code root} ({@code data} → {@code data/mnist}, {@code data/fashion-mnist}). */
    public static DataFolders under(Path root) {
        DataFolders f = new DataFolders();
        for (Dataset d : Dataset.values()) {
            f.folders.put(d, d.folderIn(root));
        }
        return f;
    }

    /** These folders with {@code dataset}'s files in {@code dir} instead. */
    public DataFolders with(Dataset dataset, Path dir) {
        DataFolders f = new DataFolders();
        f.folders.putAll(folders);
        f.folders.put(dataset, dir);
        return f;
    }

    /** The folder of {@code dataset}'s four idx files. */
    public Path of(Dataset dataset) {
        return folders.get(dataset);
    }

    @Override
    public String toString() {
        return folders.toString();
    }
}
