/**
 * Test support for code that uses this library: {@link
 * org.cspkit.partnercenter.test.FakePartnerCenter}, a stateful fake Partner Center on
 * MockWebServer that checks each request against the OpenAPI document, with scripted {@link
 * org.cspkit.partnercenter.test.Fault faults}, a JUnit 5 extension that starts one per test
 * ({@link org.cspkit.partnercenter.test.FakePartnerCenterExtension}), and realistic models for
 * test data ({@link org.cspkit.partnercenter.test.TestData}).
 *
 * <p>Shipped as the artifact {@code org.cspkit:partner-center-purchase-testing}, for the test
 * scope; it brings MockWebServer ({@code com.squareup.okhttp3:mockwebserver3}) and the request
 * validator ({@code com.atlassian.oai:swagger-request-validator-core}) and needs no Node.js. The
 * OpenAPI document the fake follows is in the library's jar, at {@value
 * org.cspkit.partnercenter.test.FakePartnerCenter#SPEC_RESOURCE}.
 */
package org.cspkit.partnercenter.test;
