package org.movierec.serving.insight;

/**
 * A title parameter: the text asked for (checked, blanks around removed) and its title key
 * ({@link org.movierec.serving.system.TitleKeys}), empty when the text has no letter or digit.
 */
record AskedTitle(String text, String key) {

    /** Whether titles are matched by key; a text without letters or digits is matched as it is. */
    boolean byKey() {
        return !key.isEmpty();
    }
}
