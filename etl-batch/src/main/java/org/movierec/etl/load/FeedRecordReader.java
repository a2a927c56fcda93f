package org.movierec.etl.load;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads the records of a feed's file, keeping line numbers and raw text, in blocks of a fixed
 * number of records (one item per block keeps the framework's per-item work off the hot path).
 * Plain or gzipped; a quoted feed joins the physical lines of a field that spans lines. The file
 * comes from the job parameters; a feed whose input did not change reads nothing. Restartable:
 * the number of blocks read is saved with each chunk, and every block but the last is full.
 */
final class FeedRecordReader extends AbstractItemCountingItemStreamItemReader<List<TextRecord>>
        implements StepExecutionListener {

    /** Records handed through the chunk as one item. Fixed, so a restart finds the same blocks. */
    static final int BLOCK_SIZE = 1000;
    /** The most lines a quoted record may span. */
    static final int MAX_RECORD_LINES = 100;

    private final Feed feed;
    private final Deque<String> pushedBack = new ArrayDeque<>();
    private Path path;
    private Lines reader;
    private CountingInputStream bytes;
    private long line;
    private long size;
    /** A line of the record being read held bytes invalid in the feed's encoding. */
    private boolean invalidBytes;

    FeedRecordReader(Feed feed) {
        this.feed = feed;
        setName(feed.name() + "Reader");
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        String file = stepExecution.getJobParameters().getString(feed.fileParameter());
        boolean changed = LoadPlanner.changed(stepExecution.getJobParameters(), feed);
        path = file != null && changed ? Path.of(file) : null;
    }

    @Override
    protected void doOpen() throws IOException {
        line = 0;
        pushedBack.clear();
        if (path == null) {
            return;
        }
        if (!Files.isReadable(path)) {
            throw new InputLayoutException(feed.fileName() + ": cannot read " + path);
        }
        size = Files.size(path);
        bytes = new CountingInputStream(Files.newInputStream(path));
        InputStream in = path.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(bytes, 1 << 16) : bytes;
        reader = Lines.of(in, feed.charset());
        if (feed.header() != null) {
            String header = stripBom(reader.readLine());
            line++;
            if (header == null || !header.strip().equals(feed.header())) {
                throw new InputLayoutException("%s: expected the header '%s' but found '%s' (is it the right file?)"
                        .formatted(path, feed.header(), header == null ? "an empty file" : header.strip()));
            }
        }
    }

    @Override
    protected List<TextRecord> doRead() throws IOException {
        if (reader == null) {
            return null;
        }
        List<TextRecord> block = new ArrayList<>(BLOCK_SIZE);
        try {
            TextRecord record;
            while (block.size() < BLOCK_SIZE && (record = readRecord()) != null) {
                block.add(record);
            }
        } catch (IOException e) {
            throw new InputLayoutException("%s: unreadable after line %d: %s".formatted(path, line, e.getMessage()), e);
        }
        return block.isEmpty() ? null : block;
    }

    private TextRecord readRecord() throws IOException {
        invalidBytes = false;
        String text = nextLine();
        if (text == null) {
            return null;
        }
        long start = line;
        if (start == 1) {
            text = stripBom(text);
        }
        if (feed.quoted() && (quotes(text) & 1) == 1) {
            text = quotedRecord(text, start);
        }
        return new TextRecord(feed.fileName(), start, text, invalidBytes);
    }

    /**
     * Joins the lines of a record whose quoted field spans lines. A quote that is not closed within
     * {@value #MAX_RECORD_LINES} lines (or before the end of the file) makes the first line a record
     * of its own (rejected by the parser) and the lines after it are read again, so one stray quote
     * costs one line, not the rest of the file.
     */
    private String quotedRecord(String first, long start) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(first);
        int quotes = quotes(first);
        String next;
        while ((quotes & 1) == 1 && lines.size() < MAX_RECORD_LINES && (next = nextLine()) != null) {
            lines.add(next);
            quotes += quotes(next);
        }
        if ((quotes & 1) == 1) {
            for (int i = lines.size() - 1; i >= 1; i--) {
                pushedBack.push(lines.get(i));
            }
            line = start;
            invalidBytes = InvalidBytes.in(first);
            return first;
        }
        return String.join("\n", lines);
    }

    private String nextLine() throws IOException {
        String text;
        if (pushedBack.isEmpty()) {
            text = reader.readLine();
            invalidBytes |= text != null && reader.lastLineInvalid();
        } else {
            // rare (a stray quote): the flag of a line read again is found on its text
            text = pushedBack.pop();
            invalidBytes |= InvalidBytes.in(text);
        }
        if (text != null) {
            line++;
        }
        return text;
    }

    @Override
    protected void doClose() throws IOException {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    /** Bytes of the file read so far and its size, for progress reports. */
    long bytesRead() {
        return bytes == null ? 0 : bytes.count;
    }

    long size() {
        return size;
    }

    private static int quotes(String text) {
        int quotes = 0;
        for (int i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) {
            quotes++;
        }
        return quotes;
    }

    private static String stripBom(String text) {
        return text != null && text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
