package org.movierec.etl.tmdb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser for the Python literals in the list and dict columns of the Kaggle TMDB files
 * ("The Movies Dataset": {@code genres}, {@code belongs_to_collection}, {@code cast}, {@code crew}, ...).
 * Those columns hold Python's {@code repr()} of lists and dicts, e.g.
 * {@code [{'id': 16, 'name': 'Animation'}, {'id': 35, 'name': "Children's"}]}: strings in single or
 * double quotes, {@code None}, {@code True} and {@code False}. That is not JSON, and no Java library reads
 * Python literal syntax, so this small recursive-descent parser does what Python's {@code ast.literal_eval}
 * does for these values.
 *
 * <p>Grammar: lists {@code [a, b]}, tuples {@code (a, b)} (returned as lists), dicts with string keys
 * {@code {'k': v}}, strings in {@code '...'} or {@code "..."} with the backslash escapes that Python's
 * {@code repr()} writes (backslash, both quotes, n, t, r, x with 2 hex digits, u with 4, U with 8),
 * integers, floats ({@code 1.5}, {@code -2e3}), {@code None}, {@code True} and {@code False}; a trailing
 * comma is allowed, as in Python. Results are plain Java values: {@link List}, {@link Map}
 * ({@link LinkedHashMap}, key order kept), {@link String}, {@link Long}, {@link Double}, {@link Boolean}
 * and {@code null}.
 *
 * <p>Anything else is an {@link IllegalArgumentException} whose message gives the zero-based character
 * offset, what was expected and what was found, e.g. {@code at 17: expected ',' or ']' but found 'x'}.
 */
public final class PythonLiteral {

    /** Sign, digits, an optional fraction (group 2) and an optional exponent (group 3). */
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+|(?=\\.\\d))(\\.\\d*)?([eE][-+]?\\d+)?");

    private final String text;
    private int pos;

    private PythonLiteral(String text) {
        this.text = text;
    }

    /** Parses one complete literal; only whitespace may surround it. */
    public static Object parse(String text) {
        PythonLiteral parser = new PythonLiteral(text == null ? "" : text);
        Object value = parser.value();
        parser.skipSpace();
        if (parser.pos < parser.text.length()) {
            throw parser.error("end of input");
        }
        return value;
    }

    /** Parses a list of dicts; blank text is an empty list. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> parseDictList(String text) {
        if (text == null || text.isBlank()) {
            return new ArrayList<>();
        }
        Object value = parse(text);
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("expected a list of dicts but found " + kind(value));
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map)) {
                throw new IllegalArgumentException("expected a list of dicts but item " + i + " is "
                    + kind(list.get(i)));
            }
        }
        return (List<Map<String, Object>>) list;
    }

    /** Parses a dict; blank text is {@code null}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseDict(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("expected a dict but found " + kind(value));
        }
        return (Map<String, Object>) value;
    }

    private Object value() {
        skipSpace();
        char c = peek();
        if (c == '[' || c == '(' || c == '{') {
            pos++;
            return c == '{' ? dict() : sequence(c == '[' ? ']' : ')');
        }
        if (c == '\'' || c == '"') {
            return string();
        }
        if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) {
            return number();
        }
        if (Character.isLetter(c)) {
            return keyword();
        }
        throw error("a value");
    }

    /** A list or a tuple; "(x)" without a comma is x in parentheses, as in Python. */
    private Object sequence(char close) {
        List<Object> items = new ArrayList<>();
        boolean comma = false;
        while (!accept(close)) {
            items.add(value());
            comma = accept(',');
            if (!comma && peek() != close) {
                throw error("',' or '" + close + "'");
            }
        }
        return close == ')' && items.size() == 1 && !comma ? items.get(0) : items;
    }

    private Map<String, Object> dict() {
        Map<String, Object> map = new LinkedHashMap<>();
        while (!accept('}')) {
            if (peek() != '\'' && peek() != '"') {
                throw error("a string key or '}'");
            }
            String key = string();
            if (!accept(':')) {
                throw error("':'");
            }
            map.put(key, value());
            if (!accept(',') && peek() != '}') {
                throw error("',' or '}'");
            }
        }
        return map;
    }

    private String string() {
        char quote = text.charAt(pos++);
        StringBuilder out = new StringBuilder();
        for (char c = peek(); c != quote; c = peek()) {
            if (pos >= text.length() || c == '\n' || c == '\r') {
                throw error("the closing quote " + quote);
            }
            pos++;
            if (c == '\\') {
                out.appendCodePoint(escape());
            } else {
                out.append(c);
            }
        }
        pos++;
        return out.toString();
    }

    private int escape() {
        int code = switch (peek()) {
            case '\\', '\'', '"' -> peek();
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'x', 'u', 'U' -> -1;
            default -> throw error("an escape character (\\ ' \" n t r x u U) after the backslash");
        };
        char e = text.charAt(pos++);
        return code >= 0 ? code : hex(e == 'x' ? 2 : e == 'u' ? 4 : 8);
    }

    private int hex(int digits) {
        int start = pos;
        for (int i = 0; i < digits; i++, pos++) {
            if ("0123456789abcdefABCDEF".indexOf(peek()) < 0) {
                throw error(digits + " hex digits");
            }
        }
        int code = Integer.parseUnsignedInt(text, start, pos, 16);
        if (!Character.isValidCodePoint(code)) {
            pos = start;
            throw error("a Unicode code point");
        }
        return code;
    }

    private Object number() {
        Matcher m = NUMBER.matcher(text).region(pos, text.length());
        if (!m.lookingAt()) {
            throw error("a number");
        }
        if (m.group(2) != null || m.group(3) != null) {
            pos = m.end();
            return Double.valueOf(m.group());
        }
        try {
            Long n = Long.valueOf(m.group());
            pos = m.end();
            return n;
        } catch (NumberFormatException e) {
            throw error("an integer that fits in 64 bits");
        }
    }

    private Object keyword() {
        int start = pos;
        while (Character.isLetterOrDigit(peek()) || peek() == '_') {
            pos++;
        }
        String word = text.substring(start, pos);
        if (word.equals("None") || word.equals("True") || word.equals("False")) {
            return word.equals("None") ? null : Boolean.valueOf(word.equals("True"));
        }
        pos = start;
        throw new IllegalArgumentException("at " + start + ": expected None, True or False but found '" + word + "'");
    }

    private boolean accept(char c) {
        skipSpace();
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    /** The current character, or 0 past the end (callers that could meet a real 0 also test pos). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private IllegalArgumentException error(String expected) {
        String found = pos >= text.length() ? "end of input" : "'" + text.charAt(pos) + "'";
        return new IllegalArgumentException("at " + pos + ": expected " + expected + " but found " + found);
    }

    private static String kind(Object value) {
        if (value instanceof Map || value instanceof List) {
            return value instanceof Map ? "a dict" : "a list";
        }
        return value == null ? "None" : "a " + value.getClass().getSimpleName() + " " + value;
    }
}
