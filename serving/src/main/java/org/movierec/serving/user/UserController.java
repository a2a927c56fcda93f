package org.movierec.serving.user;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.movierec.serving.system.OpenApiConfig;
import org.movierec.serving.system.PageResponse;
import org.movierec.serving.system.SignUpThrottle;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/users}: sign-up (public), a user's own account, and the list of all users (administrator). */
@RestController
@RequestMapping("/api/users")
@Tag(name = "Users", description = "Sign-up and accounts; a user reaches only their own, the administrator all")
class UserController {

    private static final String CONFLICT = "The e-mail is already registered, or the user was imported from MovieLens "
            + "and has no account to change";

    private final UserService service;
    private final SignUpThrottle signUps;

    UserController(UserService service, SignUpThrottle signUps) {
        this.service = service;
        this.signUps = signUps;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Sign up: name, e-mail (the login) and a password of at least 8 characters",
            description = "At most `serving.login.sign-ups-per-address` sign-ups (valid bodies, taken or not) per "
                    + "client address and `serving.login.sign-up-window`; past them a 429 with Retry-After.")
    @ApiResponse(responseCode = "409", description = "The e-mail is already registered (whatever its case)")
    ResponseEntity<UserResponse> signUp(@Valid @RequestBody UserRequests.SignUp request, HttpServletRequest http) {
        signUps.admit(http.getRemoteAddr());
        UserResponse user = service.signUp(request);
        return ResponseEntity.created(URI.create("/api/users/" + user.id())).body(user);
    }

    @GetMapping
    @Operation(summary = "Every user, platform and MovieLens, by id (administrator)",
            security = {@SecurityRequirement(name = OpenApiConfig.BASIC_AUTH),
            @SecurityRequirement(name = OpenApiConfig.BEARER_AUTH)})
    PageResponse<UserResponse> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return service.list(page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One user", security = {@SecurityRequirement(name = OpenApiConfig.BASIC_AUTH),
            @SecurityRequirement(name = OpenApiConfig.BEARER_AUTH)})
    UserResponse get(@PathVariable long id) {
        return service.get(id);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace name and e-mail, and the password when given",
            description = "A new password or e-mail ends every bearer token of the account (as a logout does).",
            security = {@SecurityRequirement(name = OpenApiConfig.BASIC_AUTH),
            @SecurityRequirement(name = OpenApiConfig.BEARER_AUTH)})
    @ResponseStatus(HttpStatus.OK)
    @ApiResponse(responseCode = "409", description = CONFLICT)
    UserResponse replace(@PathVariable long id, @Valid @RequestBody UserRequests.Replace request) {
        return service.update(id, request.name(), request.email(), request.password());
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change the fields given",
            description = "A new password or e-mail ends every bearer token of the account (as a logout does).",
            security = {@SecurityRequirement(name = OpenApiConfig.BASIC_AUTH),
            @SecurityRequirement(name = OpenApiConfig.BEARER_AUTH)})
    @ResponseStatus(HttpStatus.OK)
    @ApiResponse(responseCode = "409", description = CONFLICT)
    UserResponse patch(@PathVariable long id, @Valid @RequestBody UserRequests.Patch request) {
        return service.update(id, request.name(), request.email(), request.password());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete the user and their ratings, and end their bearer tokens", security = {@SecurityRequirement(name = OpenApiConfig.BASIC_AUTH),
            @SecurityRequirement(name = OpenApiConfig.BEARER_AUTH)})
    ResponseEntity<Void> delete(@PathVariable long id) {
        service.delete(id);
        return ResponseEntity.noContent().build();
    }
}
