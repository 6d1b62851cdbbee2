/**
 * What a failed call throws: {@link org.cspkit.partnercenter.exception.PartnerCenterException}
 * and its subtypes, one per outcome a caller handles differently (400, 401, 403, 404, 409, 429,
 * 5xx, an undecodable body, no response, an outcome that is not known), and {@link
 * org.cspkit.partnercenter.exception.CallCancelledException} for a cancelled {@code …Async} call.
 *
 * <p>Each carries its {@link org.cspkit.partnercenter.exception.ErrorDetails}: the HTTP status (0
 * when no response came), Partner Center's error body (code, description, data, source), the
 * {@code MS-RequestId}, {@code MS-CorrelationId} and {@code MS-CV}; every {@link
 * org.cspkit.partnercenter.exception.Attempt} of the call; and {@code mayHaveSucceeded()}, true
 * when a POST or PUT may have taken effect although it failed, so that the cart or the orders are
 * looked up before it is sent again. Messages and {@code toString()} never contain a token or
 * other secret. A thrown exception is not changed afterwards and may be passed between threads.
 */
package org.cspkit.partnercenter.exception;
