package dev.durabledb.demo.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What it takes to create a user. */
public record NewUser(@NotBlank @Size(max = 100) String name, @NotBlank @Email @Size(max = 254) String email) {
}
