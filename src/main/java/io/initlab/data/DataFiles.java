package io.initlab.data;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading a data file with the one-line errors every reader gives (missing, unreadable). */
final class DataFiles {
    private DataFiles() {}

    /**
     * The whole file.
     *
     * @param missingHint what to do when it does not exist, e.g. "run scripts/fetch-data.sh iris"
     * @throws DataException naming the file when it is missing or cannot be read
     */
    static byte[] readAllBytes(Path file, String missingHint) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file; " + missingHint);
        } catch (AccessDeniedException e) {
            throw new DataException(file + ": not readable (permission denied)", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e, e);
        } catch (OutOfMemoryError e) {
            throw new DataException(file + ": too large to read into memory", e);
        }
    }

    /** The hint for a data set that scripts/fetch-data.sh provides. */
    static String fetchHint(String dataset) {
        return "run scripts/fetch-data.sh " + dataset + " to download it (or point INITLAB_DATA at the directory that holds "
                + dataset + "/)";
    }
}
