package dev.durabledb.cluster.remote;

import dev.durabledb.action.ActionDefinition;

/**
 * An action as a call names it: a bean of this application and one of its action methods.
 *
 * @param beanName the bean's name
 * @param definition what the action is: its database, whether it only reads, its name
 * @param signature its method, with the parameter and result types resolved against the
 * bean's class
 */
record ActionTarget(String beanName, ActionDefinition definition, ActionSignature signature) {
}
