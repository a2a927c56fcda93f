package org.movierec.serving.system;

/**
 * The one rule for text the API takes in, in JSON bodies ({@link PlainTextDeserializer}) and in query and path
 * parameters ({@link PlainTextInput}): no control character, that is no character of Unicode's category Cc
 * (U+0000 to U+001F and U+007F to U+009F). Tab, line feed and carriage return are control characters too and are
 * refused as well: no field or parameter of this API holds more than one line (names, e-mail addresses, passwords,
 * titles, genres, sort orders), so a tab or a line break there is a mistake, and PostgreSQL cannot store the NUL
 * character at all. A field that ever needs several lines has to say so and be checked on its own.
 */
public final class ControlCharacters {

    /** What a refused field or parameter is told it must be. */
    public static final String RULE =
            "must not contain control characters (U+0000 to U+001F or U+007F to U+009F, tab and line breaks included)";

    /** The rule as a pattern of the OpenAPI document (JSON Schema's, ECMA 262): text without a control character. */
    public static final String PATTERN = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$";
    /**
     * Text that {@code @NotBlank} takes and the rule too, as a pattern of the OpenAPI document and of Java alike: a
     * character other than a space or a control character, and no control character.
     */
    public static final String NOT_BLANK_PATTERN = "^[^\\u0000-\\u001F\\u007F-\\u009F]*[^\\u0000-\\u0020\\u007F-\\u009F]"
            + "[^\\u0000-\\u001F\\u007F-\\u009F]*$";

    private ControlCharacters() {
    }

    /** Whether the text has a control character; null has none. */
    public static boolean present(CharSequence text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.getType(text.charAt(i)) == Character.CONTROL) {
                return true;
            }
        }
        return false;
    }

    /**
     * A request parameter refused by the rule, thrown while Spring MVC binds it: the cause of its type mismatch,
     * answered as a 400 naming the parameter.
     */
    public static final class RefusedParameter extends IllegalArgumentException {

        RefusedParameter() {
            super(RULE);
        }
    }
}
