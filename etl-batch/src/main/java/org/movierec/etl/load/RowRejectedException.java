package org.movierec.etl.load;

/** Thrown by a {@link RecordParser} when a record is malformed; the message says what was expected. */
public class RowRejectedException extends Exception {

    public RowRejectedException(String reason) {
        super(reason, null, false, false);
    }
}
