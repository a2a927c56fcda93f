package org.movierec.etl.load;

import java.util.List;

/**
 * A table in the {@code staging} schema and the columns a load COPYs into it, after
 * {@code line_no}. Its namesake in the public schema is where the rows are merged.
 */
public record StagingTable(String name, List<String> columns) {

    public StagingTable(String name, String... columns) {
        this(name, List.of(columns));
    }

    String copyStatement(boolean lineNumbers) {
        return "COPY staging." + name + " (" + (lineNumbers ? "line_no, " : "") + String.join(", ", columns)
                + ") FROM STDIN (FORMAT binary)";
    }
}
