/**
 * Implementation details of the checkout client. Not public API: may change in any release.
 */
package org.cspkit.partnercenter.internal;
