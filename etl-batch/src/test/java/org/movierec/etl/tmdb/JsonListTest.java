package org.movierec.etl.tmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonListTest {

    @Test
    void readsAnArrayOfObjectsWithWholeNumbersAsLong() {
        var items = JsonList.parseObjectList("[{\"id\": 28, \"name\": \"Action\"}, {\"id\": 12, \"name\": null}]");
        assertThat(items).hasSize(2);
        assertThat(items.get(0)).isEqualTo(Map.of("id", 28L, "name", "Action"));
        assertThat(items.get(1)).containsEntry("id", 12L).containsEntry("name", null).hasSize(2);
        assertThat(JsonList.parseObjectList("[{\"name\": \"Fran\\u00e7ais\", \"share\": 0.5}]").get(0))
                .containsEntry("name", "Fran\u00e7ais").containsEntry("share", 0.5);
    }

    @Test
    void blankIsAnEmptyList() {
        assertThat(JsonList.parseObjectList("")).isEmpty();
        assertThat(JsonList.parseObjectList(null)).isEmpty();
        assertThat(JsonList.parseObjectList("[]")).isEmpty();
    }

    @Test
    void anythingElseIsRefused() {
        assertThatThrownBy(() -> JsonList.parseObjectList("[{\"id\": 28")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonList.parseObjectList("{\"id\": 28}"))
                .hasMessage("expected an array of objects but found object");
        assertThatThrownBy(() -> JsonList.parseObjectList("[{\"id\": 28}, 3]"))
                .hasMessage("expected an array of objects but item 1 is number");
        assertThatThrownBy(() -> JsonList.parseObjectList("[{'id': 28}]")).as("a Python literal is not JSON")
                .isInstanceOf(IllegalArgumentException.class);
    }
}
