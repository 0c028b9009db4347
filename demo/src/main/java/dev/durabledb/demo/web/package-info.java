/**
 * Web helpers of the demo.
 */
@NullMarked
package dev.durabledb.demo.web;

import org.jspecify.annotations.NullMarked;
