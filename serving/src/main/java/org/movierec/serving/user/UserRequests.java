package org.movierec.serving.user;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.movierec.serving.system.ControlCharacters;

/** The bodies the user endpoints accept. */
final class UserRequests {

    /**
     * An address with one {@code @}, no spaces and a dot in its domain (and no control character, which the JSON
     * reader refuses first); written for Java and for the OpenAPI document's JSON Schema alike.
     */
    static final String EMAIL_FORM = "^[^@ \\u0000-\\u001F\\u007F-\\u009F]+@[^@ \\u0000-\\u001F\\u007F-\\u009F]+"
            + "\\.[^@ \\u0000-\\u001F\\u007F-\\u009F]+$";
    static final String EMAIL_MESSAGE = "must be an e-mail address such as ada@example.org";
    /** A name as {@code @NotBlank} takes it (the JSON reader refuses control characters first). */
    static final String NAME_FORM = ControlCharacters.NOT_BLANK_PATTERN;
    static final String PASSWORD = "at least 8 characters and at most 72 bytes in UTF-8 (a 400 otherwise)";
    static final String PASSWORD_OR_NULL = PASSWORD + "; absent or null: unchanged";

    private UserRequests() {
    }

    /** {@code POST /api/users}: a new account. */
    record SignUp(
            @NotBlank @Size(max = 200) @Schema(pattern = NAME_FORM) String name,
            @NotBlank @Size(max = 254) @Pattern(regexp = EMAIL_FORM, message = EMAIL_MESSAGE) String email,
            @NotNull @ValidPassword @Schema(description = PASSWORD, minLength = 8, maxLength = 72) String password) {
    }

    /** {@code PUT /api/users/{id}}: name and e-mail replaced; the password only when given. */
    record Replace(
            @NotBlank @Size(max = 200) @Schema(pattern = NAME_FORM) String name,
            @NotBlank @Size(max = 254) @Pattern(regexp = EMAIL_FORM, message = EMAIL_MESSAGE) String email,
            @ValidPassword
            @Schema(description = PASSWORD_OR_NULL, types = {"string", "null"}, minLength = 8, maxLength = 72)
            String password) {
    }

    /** {@code PATCH /api/users/{id}}: only the fields given change. */
    record Patch(
            @Size(max = 200) @Pattern(regexp = NAME_FORM, message = "must not be blank")
            @Schema(types = {"string", "null"}) String name,
            @Size(max = 254) @Pattern(regexp = EMAIL_FORM, message = EMAIL_MESSAGE)
            @Schema(types = {"string", "null"}) String email,
            @ValidPassword
            @Schema(description = PASSWORD_OR_NULL, types = {"string", "null"}, minLength = 8, maxLength = 72)
            String password) {
    }
}
