package dev.durabledb.test;

import java.util.List;

import dev.durabledb.tenant.Tenants;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class NoteController {

	private final NoteActions notes;

	public NoteController(NoteActions notes) {
		this.notes = notes;
	}

	@GetMapping("/notes")
	public List<String> list() {
		return this.notes.list();
	}

	@PostMapping("/notes")
	public void add(@RequestBody String body) {
		this.notes.add(body);
	}

	@GetMapping("/whoami")
	public String whoami() {
		return Tenants.current().orElse("nobody");
	}

}
