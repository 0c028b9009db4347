/**
 * Creating tenants over HTTP.
 */
@NullMarked
package dev.durabledb.demo.tenant;

import org.jspecify.annotations.NullMarked;
