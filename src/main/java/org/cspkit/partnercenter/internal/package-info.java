/**
 * Implementation details of the Partner Center client: the one pipeline every operation runs
 * through, and the binding of each generated Retrofit method (in {@code internal.generated}) to
 * its operation. Not public API: may change in any release.
 */
package org.cspkit.partnercenter.internal;
