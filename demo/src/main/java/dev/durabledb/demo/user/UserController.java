package dev.durabledb.demo.user;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Users of the tenant named by the {@code X-Tenant-Id} header. */
@RestController
@RequestMapping("/api/users")
class UserController {

	private final UserActions users;

	UserController(UserActions users) {
		this.users = users;
	}

	@PostMapping
	ResponseEntity<User> create(@RequestBody NewUser user) {
		User created = this.users.create(user);
		return ResponseEntity.created(URI.create("/api/users/" + created.id())).body(created);
	}

	@GetMapping
	List<User> list(@RequestParam(defaultValue = "100") int limit) {
		return this.users.list(limit);
	}

	@GetMapping("/{id}")
	User get(@PathVariable long id) {
		return this.users.find(id).orElseThrow(() -> new UserNotFoundException(id));
	}

}
