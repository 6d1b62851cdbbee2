/**
 * The request and response bodies of the purchase flow ({@link
 * org.cspkit.partnercenter.model.Cart}, {@link org.cspkit.partnercenter.model.CartLineItem},
 * {@link org.cspkit.partnercenter.model.CartCheckoutResult}, {@link
 * org.cspkit.partnercenter.model.Order}, {@link org.cspkit.partnercenter.model.OrderCollection},
 * {@link org.cspkit.partnercenter.model.OrderProvisioningStatusCollection}, …), generated at
 * build time from the OpenAPI document {@code openapi/partner-center-purchase.yaml}; change that
 * document, not these classes.
 *
 * <p>Each model is an immutable, thread-safe record with {@code builder()} and {@code
 * toBuilder()}. A property missing from the JSON is {@code null}; a missing array or map is empty,
 * never {@code null}, and never holds {@code null}. A property left out of a request body is left
 * out of its JSON. Enum-like values ({@link org.cspkit.partnercenter.model.BillingCycleType},
 * {@link org.cspkit.partnercenter.model.OrderStatus}, …) are extensible: a value Partner Center
 * adds later decodes into an instance whose {@code isKnown()} is false and which keeps its raw
 * {@code value()}; known values are the constants, so {@code ==} works.
 */
package org.cspkit.partnercenter.model;
