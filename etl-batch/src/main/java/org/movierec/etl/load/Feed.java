package org.movierec.etl.load;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One input file of a source and how it is read: its format, the header it must have, the parser
 * that turns its records into staged rows, and the merges that move those rows into their tables.
 *
 * @param name     short name, used in step names and job parameters ("ratings")
 * @param fileName the file name as the stats and rejects report it ("ratings.csv")
 * @param charset  the file's encoding
 * @param header   the exact header the file must start with, or null for a file without one
 * @param quoted   whether a field may be quoted and span lines (RFC 4180 CSV)
 * @param parser   the transformation rules
 * @param merges   where the staged rows go, the first one being the file's main table
 * @param scratch  staging tables the parser also writes to, read by merges from a query
 * @param derived  SQL statements that bring tables derived from the feed's tables up to date, run at the end of the
 *                 merge step, in its transaction, when the feed loaded in the run
 */
public record Feed(String name, String fileName, Charset charset, String header, boolean quoted,
                   RecordParser parser, List<TableMerge> merges, List<StagingTable> scratch, List<String> derived) {

    public static Feed csv(String name, String fileName, String header, RecordParser parser, TableMerge... merges) {
        return new Feed(name, fileName, StandardCharsets.UTF_8, header, true, parser, List.of(merges), List.of(),
                List.of());
    }

    public static Feed lines(String name, String fileName, Charset charset, String header, RecordParser parser,
                             TableMerge... merges) {
        return new Feed(name, fileName, charset, header, false, parser, List.of(merges), List.of(), List.of());
    }

    /** The same feed, also writing to these staging tables. */
    public Feed withScratch(StagingTable... tables) {
        return new Feed(name, fileName, charset, header, quoted, parser, merges, List.of(tables), derived);
    }

    /** The same feed, running these statements after the merge when it loaded (see {@code derived}). */
    public Feed withDerived(String... statements) {
        return new Feed(name, fileName, charset, header, quoted, parser, merges, scratch, List.of(statements));
    }

    /** Every staging table the feed writes to, emptied before a run stages it. */
    List<String> stagingTables() {
        List<String> tables = new java.util.ArrayList<>();
        merges.stream().filter(m -> m.from() == null).forEach(m -> tables.add(m.table().name()));
        scratch.forEach(t -> tables.add(t.name()));
        return tables;
    }

    /** The job parameter holding the feed's file. */
    public String fileParameter() {
        return "feed." + name + ".file";
    }

    /** The job parameter holding the checksum of the feed's file. */
    public String checksumParameter() {
        return "feed." + name + ".checksum";
    }

    /** The job parameter saying whether the feed loads in this run (its file changed). */
    String changedParameter() {
        return "feed." + name + ".changed";
    }

    /** The job parameter saying whether the feed loads whole, without line numbers (its tables are empty). */
    String initialParameter() {
        return "feed." + name + ".initial";
    }

    /** The name of the feed's staging step. */
    String stageStepName(String source) {
        return source + ".stage." + name;
    }
}
