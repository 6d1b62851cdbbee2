package org.cspkit.partnercenter.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of every logger at every level during a test, for tests that search
 * all the library writes for secrets. Register with {@code @RegisterExtension}.
 */
public final class AllLogs implements BeforeEachCallback, AfterEachCallback {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Logger root;
  private Level rootLevel;

  @Override
  public void beforeEach(ExtensionContext context) {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    rootLevel = root.getLevel();
    root.setLevel(Level.TRACE);
    appender.start();
    root.addAppender(appender);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    root.detachAppender(appender);
    root.setLevel(rootLevel);
  }

  /** The events captured so far. */
  public List<ILoggingEvent> events() {
    return appender.list;
  }

  /** Every captured line as written: the formatted message and any stack trace. */
  public List<String> texts() {
    List<String> texts = new ArrayList<>();
    for (ILoggingEvent event : appender.list) {
      texts.add(event.getLoggerName() + " " + event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        texts.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
    }
    return texts;
  }
}
