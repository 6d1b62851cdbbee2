package org.cspkit.partnercenter.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps MSAL4J's warnings off the tests' console (logback-test.xml): MSAL4J logs one for each
 * failed token request, and the authentication tests fail token requests on purpose and assert
 * what the caller gets. Its errors still show; {@link AllLogs} still captures everything.
 */
public final class MsalTokenFailureFilter extends Filter<ILoggingEvent> {
  @Override
  public FilterReply decide(ILoggingEvent event) {
    return event.getLevel() == Level.WARN
            && event.getLoggerName().startsWith("com.microsoft.aad.msal4j.")
        ? FilterReply.DENY
        : FilterReply.NEUTRAL;
  }
}
