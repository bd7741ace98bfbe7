package io.initlab.study;

/**
 * A problem with an experiment file, already phrased for the user as one line:
 * {@code FILE:LINE: key 'a.b': what is wrong}.
 */
public final class ConfigException extends IllegalArgumentException {
    public ConfigException(String message) {
        super(message);
    }
}
