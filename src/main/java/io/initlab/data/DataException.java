package io.initlab.data;

/**
 * A data set cannot be used: a file is missing, unreadable or malformed.
 *
 * <p>Unchecked on purpose: nothing in a training run can recover from bad data, so callers only
 * catch it at the CLI boundary to print the message. The message is one line that names the file
 * and says exactly what is wrong, because that line is all the user will see.
 */
public final class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
