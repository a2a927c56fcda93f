package org.movierec.etl;

import java.util.List;

import org.movierec.etl.load.SourceOptions;

/**
 * What the command line asks for: load a source, link the loaded sources, or only migrate the schema.
 *
 * @param command a source's name, {@code link} or {@code migrate}
 * @param inputs  the --input locations, empty for the source's official ones
 */
record EtlRequest(String command, List<String> inputs, SourceOptions options, boolean force, boolean fresh) {

    static final String LINK = "link";
    static final String MIGRATE = "migrate";

    EtlRequest {
        inputs = List.copyOf(inputs);
    }

    /** {@code link} or {@code migrate}: a command that takes no options. */
    static EtlRequest of(String command) {
        return new EtlRequest(command, List.of(), SourceOptions.defaults(), false, false);
    }
}
