package org.movierec.serving.system;

/** A request parameter or body field holds a value the API refuses: a 400 problem detail naming it. */
public class InvalidParameterException extends RuntimeException {

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(parameter + ": " + message);
        this.parameter = parameter;
    }

    /** The parameter or field at fault. */
    public String parameter() {
        return parameter;
    }
}
