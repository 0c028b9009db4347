package dev.durabledb.cluster.remote;

import java.util.List;

import dev.durabledb.action.DurableAction;
import dev.durabledb.action.DurableDatabase;
import dev.durabledb.fixtures.Gate;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Actions on the per-tenant {@code notes} database whose parameters and results travel as
 * JSON (unlike the fixtures' {@code NoteActions}, which take a {@code Callable}). Each call
 * of a method body is counted, so that tests see whether an action ran at all.
 */
@DurableAction(database = "notes")
public class RemoteNoteActions {

	private final JdbcClient db;

	private final Invocations invocations;

	private final Gate gate;

	public RemoteNoteActions(@Qualifier("notes") DurableDatabase notes, Invocations invocations, Gate gate) {
		this.db = notes.jdbcClient();
		this.invocations = invocations;
		this.gate = gate;
	}

	public long add(@NotBlank @Size(max = 100) String body) {
		this.invocations.increment();
		return insert(body);
	}

	/** An overload of {@link #add(String)}: calls must name it by its parameter type. */
	public long add(@Valid Note note) {
		this.invocations.increment();
		return insert("[" + String.join(",", note.tags()) + "] " + note.body());
	}

	@DurableAction(readOnly = true)
	public List<Note> notes() {
		return this.db.sql("SELECT body FROM notes ORDER BY id")
			.query((row, number) -> new Note(row.getString("body"), List.of()))
			.list();
	}

	@DurableAction(readOnly = true)
	public int count() {
		return this.db.sql("SELECT count(*) FROM notes").query(Integer.class).single();
	}

	/** Holds the instance's writer until the gate is opened. */
	public void hold() {
		this.gate.hold();
	}

	/** Writes, then fails with an exception that has an {@code @ResponseStatus}: the write rolls back. */
	public void conflict(String body) {
		this.invocations.increment();
		insert(body);
		throw new NoteConflictException(body);
	}

	/** Fails with a Spring {@code ErrorResponse} that has its own problem. */
	public void unprocessable(String body) {
		this.invocations.increment();
		ErrorResponseException ex = new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT);
		ex.getBody().setTitle("Note unprocessable");
		ex.getBody().setDetail("A note cannot say '" + body + "'");
		ex.getBody().setProperty("body", body);
		throw ex;
	}

	/** Fails unexpectedly, with a message no client should see. */
	public void broken() {
		this.invocations.increment();
		throw new IllegalStateException("Broken at /var/data/notes/secret.db: SELECT * FROM notes");
	}

	private long insert(String body) {
		return this.db.sql("INSERT INTO notes (body) VALUES (?) RETURNING id").param(body).query(Long.class).single();
	}

	/**
	 * A note.
	 *
	 * @param body its text
	 * @param tags its tags
	 */
	public record Note(@NotBlank @Size(max = 100) String body, List<String> tags) {
	}

	/** A note that the tenant has already. */
	@ResponseStatus(code = HttpStatus.CONFLICT, reason = "That note exists already")
	static class NoteConflictException extends RuntimeException {

		NoteConflictException(String body) {
			super("Note '" + body + "' exists");
		}

	}

}
