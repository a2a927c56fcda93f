package org.movierec.serving.system;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Jackson's own reading of a JSON string into a {@code String}, which then refuses control characters
 * ({@link ControlCharacters}), so that no request body can bring one in: the answer is a 400 naming the field. Only a
 * JSON string is text: a number or {@code true} where text is expected is refused the same way ("must be a string"),
 * where Jackson would take its spelling, as the OpenAPI document's {@code "type": "string"} says.
 */
final class PlainTextDeserializer extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            throw MismatchedInputException.from(parser, String.class, "must be a JSON string");
        }
        String text = super.deserialize(parser, context);
        if (ControlCharacters.present(text)) {
            throw new ControlCharacterInBody(parser);
        }
        return text;
    }

    /** A JSON string with a control character; Jackson adds the path of the field as it unwinds. */
    static final class ControlCharacterInBody extends MismatchedInputException {

        ControlCharacterInBody(JsonParser parser) {
            super(parser, ControlCharacters.RULE, String.class);
        }
    }
}
