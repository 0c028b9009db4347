/**
 * The web side in a servlet application: the filter that binds each request's tenant,
 * and {@code application/problem+json} for durable-db's errors.
 */
@NullMarked
package dev.durabledb.web;

import org.jspecify.annotations.NullMarked;
