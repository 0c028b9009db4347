/**
 * Actions: {@code @DurableAction} methods and the {@link dev.durabledb.action.ActionRunner}
 * that run code inside one instance, in one transaction, and the {@code DurableDatabase}
 * handles bound to the running action.
 */
@NullMarked
package dev.durabledb.action;

import org.jspecify.annotations.NullMarked;
