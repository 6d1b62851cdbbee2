/**
 * Implementation details of the Partner Center client: the one pipeline every operation runs through, and the generated Retrofit interfaces in {@code internal.api}. Not public API: may change in any release.
 */
package org.cspkit.partnercenter.internal;
