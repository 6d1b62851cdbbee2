/**
 * Implementation details of the Partner Center client. Not public API: may change in any release.
 *
 * <p>The life of a call, one class per stage:
 *
 * <ul>
 *   <li>{@link org.cspkit.partnercenter.internal.OperationBindings}: each generated Retrofit method
 *       (package {@code internal.generated}) bound once to its operation, its rules from {@link
 *       org.cspkit.partnercenter.internal.OperationTable}; it returns an {@link
 *       org.cspkit.partnercenter.internal.OperationCall};
 *   <li>{@link org.cspkit.partnercenter.internal.Calls}: the standard headers;
 *   <li>{@link org.cspkit.partnercenter.internal.PipelineCall}: the call (deadline, cancellation,
 *       attempts, its end);
 *   <li>{@link org.cspkit.partnercenter.internal.AttemptSender}: one attempt (token, timeout cut at
 *       the deadline, send, decode or map to an exception with {@link
 *       org.cspkit.partnercenter.internal.ResponseHandler});
 *   <li>{@link org.cspkit.partnercenter.internal.HttpStack}: the OkHttp client, with no re-send of
 *       its own;
 *   <li>{@link org.cspkit.partnercenter.internal.RetryDecision}: whether another attempt follows
 *       (401 replay, {@code Retry-After}, backoff, the operation's rules);
 *   <li>{@link org.cspkit.partnercenter.internal.CallRecord}: the attempts, the DEBUG line, the
 *       attempt listener, the attempt's span;
 *   <li>{@link org.cspkit.partnercenter.internal.AsyncCall}: the future of an asynchronous call;
 *   <li>{@link org.cspkit.partnercenter.internal.Pipeline}: wires them, one per client.
 * </ul>
 *
 * <p>This package uses the public packages' types; {@code auth} uses it, never the other way.
 */
package org.cspkit.partnercenter.internal;
