package org.movierec.serving.system;

import java.util.List;

/**
 * One page of a list answer.
 *
 * @param content       the items of this page
 * @param page          the page number, from 0
 * @param size          the page size asked for
 * @param totalElements the number of items over all pages
 * @param totalPages    the number of pages
 */
public record PageResponse<T>(List<T> content, int page, int size, long totalElements, int totalPages) {

    public static <T> PageResponse<T> of(List<T> content, int page, int size, long totalElements) {
        return new PageResponse<>(content, page, size, totalElements, (int) ((totalElements + size - 1) / size));
    }
}
