package org.movierec.training.data;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.movierec.model.IdIndex;
import org.movierec.model.UserRatings;

/**
 * Ratings held in memory column by column (12 bytes and a timestamp per rating, so ml-32m fits in well
 * under a gigabyte), with users and movies mapped to dense indices. A subset keeps the indices of the
 * whole, so the train and test parts of a split speak of the same users and items.
 */
public final class Ratings {

    private final IdIndex users;
    private final IdIndex items;
    private final int[] user;
    private final int[] item;
    private final float[] rating;
    private final long[] time;

    /**
     * @param user   user index per rating
     * @param item   item index per rating
     * @param rating the rating given
     * @param time   when, in epoch seconds
     */
    public Ratings(IdIndex users, IdIndex items, int[] user, int[] item, float[] rating, long[] time) {
        int n = user.length;
        if (item.length != n || rating.length != n || time.length != n) {
            throw new IllegalArgumentException("columns of different lengths: " + n + ", " + item.length + ", "
                    + rating.length + ", " + time.length);
        }
        this.users = users;
        this.items = items;
        this.user = user;
        this.item = item;
        this.rating = rating;
        this.time = time;
    }

    /** Ratings given by external ids; the indices are built from the ids present. */
    public static Ratings ofIds(long[] userIds, long[] movieIds, float[] ratings, long[] times) {
        IdIndex users = IdIndex.of(userIds);
        IdIndex items = IdIndex.of(movieIds);
        int[] user = new int[userIds.length];
        int[] item = new int[movieIds.length];
        for (int row = 0; row < user.length; row++) {
            user[row] = users.indexOf(userIds[row]);
            item[row] = items.indexOf(movieIds[row]);
        }
        return new Ratings(users, items, user, item, ratings, times);
    }

    public IdIndex users() {
        return users;
    }

    public IdIndex items() {
        return items;
    }

    public int size() {
        return user.length;
    }

    public int user(int row) {
        return user[row];
    }

    public int item(int row) {
        return item[row];
    }

    public float rating(int row) {
        return rating[row];
    }

    public long time(int row) {
        return time[row];
    }

    /** The rows given, in that order, with the same user and item indices. */
    public Ratings subset(int[] rows) {
        int[] u = new int[rows.length];
        int[] i = new int[rows.length];
        float[] r = new float[rows.length];
        long[] t = new long[rows.length];
        for (int k = 0; k < rows.length; k++) {
            u[k] = user[rows[k]];
            i[k] = item[rows[k]];
            r[k] = rating[rows[k]];
            t[k] = time[rows[k]];
        }
        return new Ratings(users, items, u, i, r, t);
    }

    public double meanRating() {
        double sum = 0;
        for (float r : rating) {
            sum += r;
        }
        return user.length == 0 ? 0 : sum / user.length;
    }

    /** The rows grouped by user (a compressed sparse row view). */
    public ByUser byUser() {
        int[] start = new int[users.size() + 1];
        for (int u : user) {
            start[u + 1]++;
        }
        for (int u = 0; u < users.size(); u++) {
            start[u + 1] += start[u];
        }
        int[] next = Arrays.copyOf(start, users.size());
        int[] rows = new int[user.length];
        for (int row = 0; row < user.length; row++) {
            rows[next[user[row]]++] = row;
        }
        return new ByUser(start, rows);
    }

    /** The rows grouped by item (a compressed sparse column view). */
    public ByItem byItem() {
        int[] start = new int[items.size() + 1];
        for (int i : item) {
            start[i + 1]++;
        }
        for (int i = 0; i < items.size(); i++) {
            start[i + 1] += start[i];
        }
        int[] next = Arrays.copyOf(start, items.size());
        int[] rows = new int[item.length];
        for (int row = 0; row < item.length; row++) {
            rows[next[item[row]]++] = row;
        }
        return new ByItem(start, rows);
    }

    /** Row numbers per user: those of user {@code u} are {@code rows[start[u] .. start[u + 1] - 1]}, in row order. */
    public final class ByUser {
        private final int[] start;
        private final int[] rows;

        private ByUser(int[] start, int[] rows) {
            this.start = start;
            this.rows = rows;
        }

        public int count(int u) {
            return start[u + 1] - start[u];
        }

        /** The row numbers of user {@code u}'s ratings. */
        public int[] rows(int u) {
            return Arrays.copyOfRange(rows, start[u], start[u + 1]);
        }

        /** User {@code u}'s ratings as a model scores them. */
        public UserRatings ratings(int u) {
            int n = count(u);
            int[] items = new int[n];
            float[] values = new float[n];
            for (int k = 0; k < n; k++) {
                int row = rows[start[u] + k];
                items[k] = item[row];
                values[k] = rating[row];
            }
            return new UserRatings(items, values);
        }
    }

    /** Row numbers per item: those of item {@code i} are {@code rows[start[i] .. start[i + 1] - 1]}, in row order. */
    public final class ByItem {
        private final int[] start;
        private final int[] rows;

        private ByItem(int[] start, int[] rows) {
            this.start = start;
            this.rows = rows;
        }

        public int count(int i) {
            return start[i + 1] - start[i];
        }

        public int[] rows(int i) {
            return Arrays.copyOfRange(rows, start[i], start[i + 1]);
        }

        /**
         * The {@code max} most rated items (the lower index first among equally rated ones) that have at least
         * {@code minRatings} ratings, ascending by index: the items a model with a cap on its items models.
         */
        public int[] mostRated(int max, int minRatings) {
            return IntStream.range(0, items.size()).boxed()
                    .sorted((a, b) -> count(a) != count(b) ? Integer.compare(count(b), count(a)) : Integer.compare(a, b))
                    .limit(max).filter(i -> count(i) >= minRatings).mapToInt(Integer::intValue).sorted().toArray();
        }
    }
}
