package org.movierec.serving.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The bodies the user endpoints accept. */
final class UserRequests {

    /** An address with one {@code @}, no spaces and a dot in its domain. */
    static final String EMAIL_FORM = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
    static final String EMAIL_MESSAGE = "must be an e-mail address such as ada@example.org";
    static final String NOT_BLANK = ".*\\S.*";

    private UserRequests() {
    }

    /** {@code POST /api/users}: a new account. */
    record SignUp(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 254) @Email(regexp = EMAIL_FORM, message = EMAIL_MESSAGE) String email,
            @NotNull @ValidPassword String password) {
    }

    /** {@code PUT /api/users/{id}}: name and e-mail replaced; the password only when given. */
    record Replace(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 254) @Email(regexp = EMAIL_FORM, message = EMAIL_MESSAGE) String email,
            @ValidPassword String password) {
    }

    /** {@code PATCH /api/users/{id}}: only the fields given change. */
    record Patch(
            @Size(max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String name,
            @Size(max = 254) @Email(regexp = EMAIL_FORM, message = EMAIL_MESSAGE) String email,
            @ValidPassword String password) {
    }
}
