package org.movierec.etl.tmdb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The list columns of Kaggle's "TMDB 5000 Movie Dataset" (tmdb_5000_movies.csv, tmdb_5000_credits.csv):
 * JSON arrays of objects such as {@code [{"id": 28, "name": "Action"}]}. They are read into the
 * same values {@link PythonLiteral} gives: whole numbers as Long, strings, null; other values
 * (fractions, booleans, nested arrays or objects) are kept as Jackson reads them, so a key that
 * must be a whole number or a string rejects them.
 */
final class JsonList {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonList() {
    }

    /** Parses a JSON array of objects; blank text is an empty list. */
    static List<Map<String, Object>> parseObjectList(String text) {
        if (text == null || text.isBlank()) {
            return new ArrayList<>();
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("expected an array of objects but found "
                    + (root == null ? "nothing" : root.getNodeType().name().toLowerCase()));
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode item = root.get(i);
            if (!item.isObject()) {
                throw new IllegalArgumentException("expected an array of objects but item " + i + " is "
                        + item.getNodeType().name().toLowerCase());
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> property : item.properties()) {
                values.put(property.getKey(), value(property.getValue()));
            }
            items.add(values);
        }
        return items;
    }

    private static Object value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.asString();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.toString();
    }
}
