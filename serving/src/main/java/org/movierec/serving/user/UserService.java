package org.movierec.serving.user;

import java.util.Objects;

import org.movierec.serving.system.ConflictException;
import org.movierec.serving.system.NotFoundException;
import org.movierec.serving.system.PageResponse;
import org.movierec.serving.system.RetriedRead;
import org.movierec.serving.system.TokenGenerations;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts of the platform's users: sign-up, changes and deletion, passwords kept only as hashes. A change of
 * password or e-mail, and a deletion, end the account's bearer tokens.
 * Users imported from MovieLens are read-only here (the ingestion owns them), except that an
 * administrator may delete one.
 */
@Service
class UserService {

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final TokenGenerations tokens;

    UserService(UserRepository users, PasswordEncoder encoder, TokenGenerations tokens) {
        this.users = users;
        this.encoder = encoder;
        this.tokens = tokens;
    }

    /** In a transaction of its own, so that a connection lost at its commit is told apart (see DatabaseOutages). */
    @Transactional
    UserResponse signUp(UserRequests.SignUp request) {
        try {
            return users.insert(request.name().strip(), request.email().strip(), encoder.encode(request.password()));
        } catch (DuplicateKeyException e) {
            throw emailTaken(request.email());
        }
    }

    @RetriedRead
    UserResponse get(long id) {
        return users.find(id).orElseThrow(() -> notFound(id));
    }

    @RetriedRead
    PageResponse<UserResponse> list(int page, int size) {
        return PageResponse.of(users.page(page, size), page, size, users.count());
    }

    @Transactional
    UserResponse update(long id, String name, String email, String password) {
        UserResponse current = get(id);
        if (!UserRepository.PLATFORM.equals(current.origin())) {
            throw new ConflictException("User " + id + " was imported from " + current.origin()
                    + " and has no account to change");
        }
        UserResponse updated;
        try {
            updated = users.update(id, name == null ? null : name.strip(), email == null ? null : email.strip(),
                    password == null ? null : encoder.encode(password));
        } catch (DuplicateKeyException e) {
            throw emailTaken(email);
        }
        if (password != null || !Objects.equals(current.email(), updated.email())) {
            tokens.endTokensOf(id);   // the login changed: tokens and remembered password checks end
        }
        return updated;
    }

    @Transactional
    void delete(long id) {
        if (!users.delete(id)) {
            throw notFound(id);
        }
        tokens.endTokensOf(id);   // the row is gone already: this instance forgets its cached generation
    }

    private static ConflictException emailTaken(String email) {
        return new ConflictException("The e-mail " + email + " is already registered");
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("No user with id " + id);
    }
}
