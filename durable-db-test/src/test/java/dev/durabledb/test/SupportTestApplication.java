package dev.durabledb.test;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small application with durable-db ({@link NoteActions}, {@link CounterActions},
 * {@link NoteController}), as the tests of a user's application see it.
 */
@SpringBootApplication
public class SupportTestApplication {

}
