package org.movierec.etl.movielens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.movierec.etl.load.RowRejectedException;
import org.movierec.etl.load.TextRecord;

/** The fast path for plain ratings lines: the same rows as the general rules, or no answer. */
class RatingLineParserTest {

    private static MovieLensRows.Rating general(String line, String delimiter, long lastUser) throws RowRejectedException {
        return MovieLensParsers.rating(new TextRecord("test", 2, line), delimiter, lastUser);
    }

    @Test
    void plainLinesGiveTheRowsOfTheGeneralRules() throws Exception {
        RatingLineParser csv = new RatingLineParser(",");
        for (String line : List.of("1,31,2.5,1260759144", "1,31,0.5,0", "999999999,999999999,5.0,4102444800",
                "7,0,4,1", "0012,031,3.0,0126075914", "5,6,1.0,7")) {
            assertThat(csv.parse(line, 1)).as(line).isNotNull().isEqualTo(general(line, ",", 1));
            assertThat(csv.parse(line, 5)).as(line).isEqualTo(general(line, ",", 5));
        }
        assertThat(new RatingLineParser("::").parse("1::1193::5::978300760", 0))
                .isEqualTo(new MovieLensRows.Rating(1, 1193, 5.0, 978300760L, true));
        assertThat(new RatingLineParser("\t").parse("196\t242\t3\t881250949", 196))
                .isEqualTo(new MovieLensRows.Rating(196, 242, 3.0, 881250949L, false));
    }

    @Test
    void anythingElseIsLeftToTheGeneralRules() throws Exception {
        RatingLineParser csv = new RatingLineParser(",");
        // Valid, but not plain: the general rules accept them.
        for (String line : List.of(" 1,31,2.5,1260759144", "1,31,2.50,1260759144", "1,31,3.,1", "1,31,2.5,1260759144 ",
                "1,31,+2.5,1", "1,31,2.5e0,1", "1,-31,2.5,1", "1,1234567890,2.5,1", "0000000001,31,2.5,1")) {
            assertThat(csv.parse(line, 0)).as(line).isNull();
            assertThat(general(line, ",", 0)).as(line).isNotNull();
        }
        // Malformed: rejected by the general rules with their message.
        for (String line : List.of("0,31,2.5,1", "1000000000,31,3.0,1", "1,31,0,1", "1,31,5.5,1", "1,31,3.3,1",
                "1,31,0.0,1", "1,31,9,1", "1,31,2.5,4102444801", "1,31,2.5", "1,31,2.5,1,", "1,31,2.5,1,2", "1,,2.5,1",
                "1,31,2.5,", "", "1::31::2.5::1", "x,31,3.0,1", "1,31,3.0,99999999999", "1,31,3.0,-1")) {
            assertThat(csv.parse(line, 0)).as(line).isNull();
            assertThatThrownBy(() -> general(line, ",", 0)).as(line).isInstanceOf(RowRejectedException.class);
        }
    }
}
