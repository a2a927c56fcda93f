package org.movierec.etl.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.movierec.etl.EtlJobTest.bytes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Bytes invalid in UTF-8 are found, kept and handed to the fields' rules, never replaced silently. */
class InvalidBytesTest {

    private final List<String> repairs = new ArrayList<>();
    private final RecordParser.Repairs sink = new RecordParser.Repairs() {
        @Override
        public void add(String recordKey, String description) {
            repairs.add(recordKey + " " + description);
        }

        @Override
        public void add(String recordKey, String description, byte[] rawBytes) {
            repairs.add(recordKey + " " + description + " " + InvalidBytes.hex(rawBytes));
        }
    };

    private record Line(String text, boolean invalid) {
    }

    private static List<Line> lines(byte[] bytes, int bufferSize) throws IOException {
        ByteLines lines = new ByteLines(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8, bufferSize);
        List<Line> all = new ArrayList<>();
        for (String line; (line = lines.readLine()) != null; ) {
            all.add(new Line(line, lines.lastLineInvalid()));
        }
        return all;
    }

    @Test
    void aLineWithInvalidBytesKeepsThemAndIsFlaggedAndTheLinesAroundAreNot() throws IOException {
        byte[] file = bytes("1,Toy Story\n2,Juman", 0xFF, "ji\r\n3,Caf", 0xC3, "\n4,Am", 0xE9, "lie\n5,Heat ", 0xE2, 0x82,
                "\n6,\uFFFD is valid\n7,é\n");
        for (int size : new int[] {1, 3, 64, 1 << 16}) {
            List<Line> lines = lines(file, size);
            assertThat(lines).extracting(Line::invalid).as("buffer of %d", size)
                    .containsExactly(false, true, true, true, true, false, false);
            assertThat(lines.get(0).text()).isEqualTo("1,Toy Story");
            assertThat(InvalidBytes.visible(lines.get(1).text())).isEqualTo("2,Juman\\xffji");
            assertThat(InvalidBytes.visible(lines.get(2).text())).as("a sequence cut short by the line's end")
                    .isEqualTo("3,Caf\\xc3");
            assertThat(InvalidBytes.visible(lines.get(3).text())).isEqualTo("4,Am\\xe9lie");
            assertThat(InvalidBytes.visible(lines.get(4).text())).isEqualTo("5,Heat \\xe2\\x82");
            assertThat(lines.get(5).text()).as("U+FFFD written in the file is text like any other")
                    .isEqualTo("6,\uFFFD is valid");
            assertThat(lines.get(6).text()).isEqualTo("7,é");
        }
    }

    @Test
    void theRawBytesComeBackAndTheRepairIsWhatTheJdkDecodes() {
        byte[] raw = bytes("Juman", 0xFF, "ji ", 0xE2, 0x82, " \uFFFD 𝄞 ", 0xC3, 0x28, "é", 0xED, 0xA0, 0x80);
        String escaped = InvalidBytes.decode(StandardCharsets.UTF_8.newDecoder(), raw, 0, raw.length);

        assertThat(InvalidBytes.in(escaped)).isTrue();
        assertThat(InvalidBytes.rawBytes(escaped)).isEqualTo(raw);
        assertThat(InvalidBytes.replaced(escaped)).isEqualTo(new String(raw, StandardCharsets.UTF_8));
        assertThat(InvalidBytes.invalidHex(escaped)).isEqualTo("ffe282c3eda080");
        byte[] valid = bytes("valid \uFFFD 𝄞");
        assertThat(InvalidBytes.decode(StandardCharsets.UTF_8.newDecoder(), valid, 0, valid.length))
                .as("valid bytes need no escapes").isNull();
    }

    @Test
    void withoutRepairsARecordWithInvalidBytesIsRejectedNamingTheField() {
        TextRecord record = record("1,2,4", 0xFF, ".0,964982704");

        assertThatThrownBy(() -> Fields.split(record, ",", "userId", "movieId", "rating", "timestamp"))
                .isInstanceOf(RowRejectedException.class)
                .hasMessage("rating: invalid UTF-8 (bytes ff), found '4\\xff.0'; the field's bytes: 34ff2e30");
    }

    @Test
    void withRepairsATextFieldIsRepairedWhenReadAndRecordedOnceWithItsBytes() throws Exception {
        Fields f = Fields.csv(record("7,\"Juman", 0xFF, "ji, The\",Adventure|Chil", 0xFF, "dren"),
                new String[] {"movieId", "title", "genres"}, sink, 0);

        assertThat(repairs).as("nothing before a field is read").isEmpty();
        assertThat(f.required(1)).isEqualTo("Juman\uFFFDji, The");
        assertThat(f.raw(1)).isEqualTo("Juman\uFFFDji, The");
        assertThat(f.intValue(0)).isEqualTo(7);
        assertThat(repairs).containsExactly(
                "7 title: invalid UTF-8 (bytes ff) replaced by U+FFFD: 'Juman\uFFFDji, The' 4a756d616eff6a692c20546865");
        assertThat(f.text(2)).isEqualTo("Adventure|Chil\uFFFDdren");
        assertThat(repairs).hasSize(2);
    }

    @Test
    void withRepairsAKeyFieldIsNeverRepairedAndANumberFailsItsCheckNamingTheBytes() throws Exception {
        String[] names = {"userId", "movieId", "tag"};
        assertThatThrownBy(() -> Fields.split(record("1,2", 0xFF, ",funny"), ",", names, sink, 0, 1))
                .hasMessage("movieId: invalid UTF-8 (bytes ff), found '2\\xff'; the field's bytes: 32ff");

        Fields f = Fields.split(record("1,2,fun", 0xFF), ",", names, sink, 0);
        assertThat(f.required(2)).isEqualTo("fun\uFFFD");
        assertThat(repairs).containsExactly("1 tag: invalid UTF-8 (bytes ff) replaced by U+FFFD: 'fun\uFFFD' 66756eff");

        Fields number = Fields.split(record("1,2", 0xFF, ",funny"), ",", names, sink, 0);
        assertThatThrownBy(() -> number.intValue(1)).hasMessage("movieId: expected a whole number, found '2\uFFFD' "
                + "(invalid UTF-8 (bytes ff) replaced by U+FFFD; the field's bytes: 32ff)");
    }

    @Test
    void aValidRecordIsNotLookedAt() throws Exception {
        TextRecord record = new TextRecord("movies.csv", 2, "1,\uFFFD,Drama");
        assertThat(record.invalidBytes()).isFalse();
        assertThat(Fields.split(record, ",", "movieId", "title", "genres").raw(1)).isEqualTo("\uFFFD");
    }

    private static TextRecord record(Object... parts) {
        byte[] raw = bytes(parts);
        String text = InvalidBytes.decode(StandardCharsets.UTF_8.newDecoder(), raw, 0, raw.length);
        return new TextRecord("test.csv", 2, text, true);
    }
}
