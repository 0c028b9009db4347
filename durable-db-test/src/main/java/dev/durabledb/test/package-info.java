/**
 * Test support for applications that use durable-db. On the test class path it gives
 * every Spring test context its own temporary data dir and backup folder, deletes every
 * tenant before each test method, imports durable-db's web error handling into
 * {@code @WebMvcTest} slices, and offers {@link dev.durabledb.test.TestTenants} and
 * {@link dev.durabledb.test.DurableDbRequests}.
 */
@NullMarked
package dev.durabledb.test;

import org.jspecify.annotations.NullMarked;
