package org.movierec.etl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * A run that stopped because the database server's disk is full (PostgreSQL's {@code could not extend file ...: No
 * space left on device}, SQLSTATE 53100): said in words that name the disk, the tablespace holding the file and its
 * folder on the server, asked of the server (which still answers reads with a full disk).
 */
final class DiskFull {

    /** PostgreSQL's SQLSTATE {@code disk_full}. */
    static final String SQL_STATE = "53100";
    private static final Pattern TABLESPACE_FILE = Pattern.compile("\"pg_tblspc/(\\d+)/");

    private DiskFull() {
    }

    /** The words for {@code failure} when a disk-full error is in its causes; empty otherwise. */
    static Optional<String> describe(Throwable failure, DataSource dataSource) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && SQL_STATE.equals(sql.getSQLState())) {
                return Optional.of(message(firstLine(sql.getMessage()), dataSource));
            }
        }
        return Optional.empty();
    }

    static String message(String serverMessage, DataSource dataSource) {
        return "the database server's disk is full: " + where(serverMessage, dataSource) + " has no space left (PostgreSQL: "
                + serverMessage + "). The tables are as they were before this run, and the rows staged so far wait in "
                + "the staging schema: free space on that disk, then run the same command again; it resumes where it "
                + "stopped";
    }

    /** The disk: the tablespace the file is in, with its folder, as the server names them. */
    private static String where(String serverMessage, DataSource dataSource) {
        Matcher tablespace = TABLESPACE_FILE.matcher(serverMessage);
        if (!tablespace.find()) {
            return "the disk of the server's data directory (tablespace pg_default)";
        }
        long oid = Long.parseLong(tablespace.group(1));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select spcname, pg_tablespace_location(oid) from pg_tablespace where oid = ?")) {
            query.setLong(1, oid);
            try (ResultSet row = query.executeQuery()) {
                if (row.next()) {
                    return "the disk of tablespace " + row.getString(1) + " (" + row.getString(2) + " on the server)";
                }
            }
        } catch (SQLException e) {
            // the server cannot say: the file's path names the tablespace
        }
        return "the disk of tablespace oid " + oid;
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message.strip();
        if (text.startsWith("ERROR: ")) {
            text = text.substring("ERROR: ".length());
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }
}
