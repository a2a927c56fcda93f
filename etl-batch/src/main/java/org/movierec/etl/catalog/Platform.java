package org.movierec.etl.catalog;

/**
 * The streaming platforms of the catalogs, each with its Kaggle file. The first letter of the
 * name prefixes the file's show ids ("s123" on Amazon becomes "as123"), because a show id is
 * unique only within its file.
 */
enum Platform {
    AMAZON("amazon", "amazon_prime_titles.csv"),
    DISNEY("disney", "disney_plus_titles.csv"),
    HULU("hulu", "hulu_titles.csv"),
    NETFLIX("netflix", "netflix_titles.csv");

    private final String label;
    private final String fileName;

    Platform(String label, String fileName) {
        this.label = label;
        this.fileName = fileName;
    }

    /** The value of the {@code platform} column, also the feed name. */
    String label() {
        return label;
    }

    String fileName() {
        return fileName;
    }

    char letter() {
        return label.charAt(0);
    }
}
