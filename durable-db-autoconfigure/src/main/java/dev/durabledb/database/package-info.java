/**
 * The databases an application declares: names, instance strategies and changelogs,
 * discovered on the classpath and overridden by properties.
 */
@NullMarked
package dev.durabledb.database;

import org.jspecify.annotations.NullMarked;
