package org.movierec.etl.tmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonLiteralTest {

    @Test
    void parsesGenresWithBothQuoteStyles() {
        List<Map<String, Object>> genres =
            PythonLiteral.parseDictList("[{'id': 16, 'name': 'Animation'}, {'id': 35, 'name': \"Children's\"}]");

        assertThat(genres).containsExactly(
            Map.of("id", 16L, "name", "Animation"),
            Map.of("id", 35L, "name", "Children's"));
    }

    @Test
    void parsesCollectionDictKeepingKeyOrder() {
        Map<String, Object> collection = PythonLiteral.parseDict("{'id': 10194, 'name': 'Toy Story Collection', "
            + "'poster_path': '/7G9915LfUQ2lVfwMEEhDsn3kT4B.jpg', 'backdrop_path': '/9FBwqcd9IRruEDUrTdcaafOMKUq.jpg'}");

        assertThat(collection).isInstanceOf(LinkedHashMap.class).containsExactly(
            entry("id", 10194L),
            entry("name", "Toy Story Collection"),
            entry("poster_path", "/7G9915LfUQ2lVfwMEEhDsn3kT4B.jpg"),
            entry("backdrop_path", "/9FBwqcd9IRruEDUrTdcaafOMKUq.jpg"));
    }

    @Test
    void parsesCastEntryAndNone() {
        List<Map<String, Object>> cast = PythonLiteral.parseDictList("[{'cast_id': 14, 'character': 'Woody (voice)', "
            + "'credit_id': '52fe4284c3a36847f8024f95', 'gender': 2, 'id': 31, 'name': 'Tom Hanks', 'order': 0, "
            + "'profile_path': '/pQFoyx7rp09CJTAb932F2g8Nlho.jpg'}, {'cast_id': 25, 'character': 'Hannah (voice)', "
            + "'credit_id': '52fe4284c3a36847f8024fbd', 'gender': 1, 'id': 12903, 'name': 'Sarah Freeman', 'order': 11, "
            + "'profile_path': None}]");

        assertThat(cast).hasSize(2);
        assertThat(cast.get(0)).containsExactly(
            entry("cast_id", 14L), entry("character", "Woody (voice)"), entry("credit_id", "52fe4284c3a36847f8024f95"),
            entry("gender", 2L), entry("id", 31L), entry("name", "Tom Hanks"), entry("order", 0L),
            entry("profile_path", "/pQFoyx7rp09CJTAb932F2g8Nlho.jpg"));
        assertThat(cast.get(1)).containsEntry("profile_path", null).containsEntry("order", 11L);
    }

    @Test
    void parsesKeywordsAndNumbers() {
        assertThat(PythonLiteral.parse("None")).isNull();
        assertThat(PythonLiteral.parse("True")).isEqualTo(Boolean.TRUE);
        assertThat(PythonLiteral.parse("False")).isEqualTo(Boolean.FALSE);
        assertThat(PythonLiteral.parse("42")).isEqualTo(42L);
        assertThat(PythonLiteral.parse("-7")).isEqualTo(-7L);
        assertThat(PythonLiteral.parse("+3")).isEqualTo(3L);
        assertThat(PythonLiteral.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(PythonLiteral.parse("3.5")).isEqualTo(3.5);
        assertThat(PythonLiteral.parse("-0.25")).isEqualTo(-0.25);
        assertThat(PythonLiteral.parse(".5")).isEqualTo(0.5);
        assertThat(PythonLiteral.parse("5.")).isEqualTo(5.0);
        assertThat(PythonLiteral.parse("1e3")).isEqualTo(1000.0);
        assertThat(PythonLiteral.parse("2.5E-2")).isEqualTo(0.025);
        assertThat(PythonLiteral.parse("[1, -2, 3.0, True, None]")).isEqualTo(Arrays.asList(1L, -2L, 3.0, true, null));
    }

    @Test
    void parsesStringsAndEscapes() {
        assertThat(PythonLiteral.parse("'plain'")).isEqualTo("plain");
        assertThat(PythonLiteral.parse("\"Children's\"")).isEqualTo("Children's");
        assertThat(PythonLiteral.parse("'It\\'s'")).isEqualTo("It's");
        assertThat(PythonLiteral.parse("'say \"hi\"'")).isEqualTo("say \"hi\"");
        assertThat(PythonLiteral.parse("\"say \\\"hi\\\"\"")).isEqualTo("say \"hi\"");
        assertThat(PythonLiteral.parse("'Roberta \\'Bobbie\\' \"Bob\" Smith'")).isEqualTo("Roberta 'Bobbie' \"Bob\" Smith");
        assertThat(PythonLiteral.parse("'back\\\\slash'")).isEqualTo("back\\slash");
        assertThat(PythonLiteral.parse("'a\\nb\\tc\\rd'")).isEqualTo("a\nb\tc\rd");
        assertThat(PythonLiteral.parse("'Herself\\xa0(archive)'")).isEqualTo("Herself\u00a0(archive)");
        assertThat(PythonLiteral.parse("'\\x41\\u00e9\\u65e5'")).isEqualTo("A\u00e9\u65e5");
        assertThat(PythonLiteral.parse("'\\U0001F600'")).isEqualTo("\uD83D\uDE00");
        assertThat(PythonLiteral.parse("''")).isEqualTo("");
    }

    @Test
    void keepsUnicodeText() {
        assertThat(PythonLiteral.parseDictList("[{'iso_639_1': 'fr', 'name': 'Français'}, "
                + "{'iso_639_1': 'ru', 'name': 'Pусский'}, {'iso_639_1': 'ja', 'name': '日本語'}]"))
            .extracting(m -> m.get("name"))
            .containsExactly("Français", "Pусский", "日本語");
        assertThat(PythonLiteral.parse("'Zoë 😀'")).isEqualTo("Zoë 😀");
    }

    @Test
    void parsesNestedStructuresTuplesAndWhitespace() {
        Object value = PythonLiteral.parse(
            " {'a': [1, (2, 3), {'b': None}], 'c': (), 'd': (4,), 'e': (5), 'f': [[]], 'g': {}}\n ");

        assertThat(value).isEqualTo(Map.of(
            "a", List.of(1L, List.of(2L, 3L), Collections.singletonMap("b", null)),
            "c", List.of(),
            "d", List.of(4L),
            "e", 5L,
            "f", List.of(List.of()),
            "g", Map.of()));
        assertThat(PythonLiteral.parse("[\n  1 ,\t2 ,\r\n]")).isEqualTo(List.of(1L, 2L));
        assertThat(PythonLiteral.parse("{'a': 1,}")).isEqualTo(Map.of("a", 1L));
        assertThat(PythonLiteral.parse("{'k': 1, 'k': 2}")).isEqualTo(Map.of("k", 2L));
    }

    @Test
    void dictListConveniences() {
        assertThat(PythonLiteral.parseDictList(null)).isEmpty();
        assertThat(PythonLiteral.parseDictList("")).isEmpty();
        assertThat(PythonLiteral.parseDictList("   ")).isEmpty();
        assertThat(PythonLiteral.parseDictList("[]")).isEmpty();
        assertThatThrownBy(() -> PythonLiteral.parseDictList("{'id': 1}"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("expected a list of dicts but found a dict");
        assertThatThrownBy(() -> PythonLiteral.parseDictList("[{'id': 1}, 7]"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("expected a list of dicts but item 1 is a Long 7");
    }

    @Test
    void dictConveniences() {
        assertThat(PythonLiteral.parseDict(null)).isNull();
        assertThat(PythonLiteral.parseDict(" ")).isNull();
        assertThat(PythonLiteral.parseDict("{}")).isEmpty();
        assertThatThrownBy(() -> PythonLiteral.parseDict("[{'id': 1}]"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("expected a dict but found a list");
        assertThatThrownBy(() -> PythonLiteral.parseDict("None"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("expected a dict but found None");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        [1, 2 x]                                          | at 6: expected ',' or ']' but found 'x'
        [{'id': 16, 'name': 'Animation'} {'id': 35}]      | at 33: expected ',' or ']' but found '{'
        [1, 2                                             | at 5: expected ',' or ']' but found end of input
        [1,                                               | at 3: expected a value but found end of input
        [,]                                               | at 1: expected a value but found ','
        (1 2)                                             | at 3: expected ',' or ')' but found '2'
        {'id' 16}                                         | at 6: expected ':' but found '1'
        {16: 'x'}                                         | at 1: expected a string key or '}' but found '1'
        {'a': 1,, }                                       | at 8: expected a string key or '}' but found ','
        {'a': 1 'b': 2}                                   | at 8: expected ',' or '}' but found '''
        {"a": null}                                       | at 6: expected None, True or False but found 'null'
        none                                              | at 0: expected None, True or False but found 'none'
        ['abc                                             | at 5: expected the closing quote ' but found end of input
        'a\\qb'                                           | at 3: expected an escape character (\\ ' " n t r x u U) after the backslash but found 'q'
        '\\x4'                                            | at 4: expected 2 hex digits but found '''
        '\\u12'                                           | at 5: expected 4 hex digits but found '''
        '\\U00110000'                                     | at 3: expected a Unicode code point but found '0'
        [1] 2                                             | at 4: expected end of input but found '2'
        -                                                 | at 0: expected a number but found '-'
        1e                                                | at 1: expected end of input but found 'e'
        99999999999999999999                              | at 0: expected an integer that fits in 64 bits but found '9'
        `[{'id': 1, 'name': 'Comedy'}, ]x`                | at 31: expected end of input but found 'x'
        `'line`                                           | at 5: expected the closing quote ' but found end of input
        """)
    void rejectsMalformedInputNamingPositionAndExpectation(String text, String message) {
        assertThatThrownBy(() -> PythonLiteral.parse(text))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(message);
    }

    @Test
    void rejectsEmptyInputAndRawLineBreakInString() {
        assertThatThrownBy(() -> PythonLiteral.parse(""))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("at 0: expected a value but found end of input");
        assertThatThrownBy(() -> PythonLiteral.parse("  "))
            .hasMessage("at 2: expected a value but found end of input");
        assertThatThrownBy(() -> PythonLiteral.parse("'two\nlines'"))
            .hasMessage("at 4: expected the closing quote ' but found '\n'");
    }
}
