package dev.durabledb.test;

import java.util.List;

import dev.durabledb.action.DurableAction;
import dev.durabledb.action.DurableDatabase;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
@DurableAction(database = "notes")
public class NoteActions {

	private final JdbcClient db;

	public NoteActions(@Qualifier("notes") DurableDatabase notes) {
		this.db = notes.jdbcClient();
	}

	public void add(String body) {
		this.db.sql("INSERT INTO notes (body) VALUES (?)").param(body).update();
	}

	@DurableAction(readOnly = true)
	public List<String> list() {
		return this.db.sql("SELECT body || ':' || pinned FROM notes ORDER BY id").query(String.class).list();
	}

}
