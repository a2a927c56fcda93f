package org.movierec.serving.insight;

/** A request parameter that is present but not acceptable; answered as a 400 naming the parameter. */
final class InvalidParameterException extends RuntimeException {

    private static final int MAX_ECHO = 60;

    private final String parameter;

    InvalidParameterException(String parameter, String expected, String found) {
        super("%s: expected %s, found '%s'".formatted(parameter, expected, echo(found)));
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }

    /** The value as it is quoted back: cut short, so a huge input is not sent back whole. */
    static String echo(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= MAX_ECHO ? value : value.substring(0, MAX_ECHO) + "...";
    }
}
