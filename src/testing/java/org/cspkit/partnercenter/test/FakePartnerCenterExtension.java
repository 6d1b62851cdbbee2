package org.cspkit.partnercenter.test;

import java.util.Objects;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts a new {@link FakePartnerCenter} before each test and closes it
 * after. Register it on a field, or with {@code @ExtendWith} and take the fake as a parameter:
 *
 * <pre>{@code
 * @RegisterExtension
 * final FakePartnerCenterExtension partnerCenter = new FakePartnerCenterExtension();
 *
 * @Test
 * void buys() {
 *   FakePartnerCenter fake = partnerCenter.fake();
 *   ...
 * }
 *
 * @Test
 * @ExtendWith(FakePartnerCenterExtension.class)
 * void buysToo(FakePartnerCenter fake) { ... }
 * }</pre>
 *
 * <p>Needs {@code org.junit.jupiter:junit-jupiter-api} on the test class path (the testing
 * artifact declares it optional). One instance serves one test at a time: with parallel tests in
 * one class, register it on an instance field (the default per-method lifecycle gives each test
 * its own).
 */
public final class FakePartnerCenterExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private final FakePartnerCenter.Builder settings;
  private volatile FakePartnerCenter fake;

  /** An extension that starts fakes with the defaults of {@link FakePartnerCenter#start()}. */
  public FakePartnerCenterExtension() {
    this(FakePartnerCenter.builder());
  }

  /**
   * An extension that starts each test's fake with {@code settings}, for tests that need other
   * than the default behaviour, such as orders that stay pending for some reads or random faults:
   *
   * <pre>{@code
   * @RegisterExtension
   * final FakePartnerCenterExtension partnerCenter = new FakePartnerCenterExtension(
   *     FakePartnerCenter.builder().pendingProvisioningReads(2));
   * }</pre>
   *
   * <p>Before each test the extension calls {@link FakePartnerCenter.Builder#start()
   * settings.start()}, so every test gets a new fake with these settings. The builder is kept, not
   * copied: a change made to it later applies to the tests that start after the change. Don't
   * change it while tests run in parallel (the builder is not thread-safe).
   *
   * @param settings the settings of each test's fake; the extension does not change them
   * @throws NullPointerException if {@code settings} is null
   */
  public FakePartnerCenterExtension(FakePartnerCenter.Builder settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * The fake of the test that is running.
   *
   * @return the started fake
   * @throws IllegalStateException outside a test
   */
  public FakePartnerCenter fake() {
    FakePartnerCenter current = fake;
    if (current == null) {
      throw new IllegalStateException("No test is running: the fake starts before each test");
    }
    return current;
  }

  /**
   * The base URL of the running test's fake, for {@code PartnerCenterClient.builder().baseUrl(…)}.
   *
   * @return the base URL, ending in {@code /}
   * @throws IllegalStateException outside a test
   */
  public String baseUrl() {
    return fake().baseUrl();
  }

  /**
   * Starts the test's fake.
   *
   * @param context the test's context
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    fake = settings.start();
  }

  /**
   * Closes the test's fake.
   *
   * @param context the test's context
   */
  @Override
  public void afterEach(ExtensionContext context) {
    FakePartnerCenter current = fake;
    fake = null;
    if (current != null) {
      current.close();
    }
  }

  /**
   * Whether the parameter is a {@link FakePartnerCenter}.
   *
   * @param parameterContext the parameter
   * @param extensionContext the test's context
   * @return true for a {@link FakePartnerCenter} parameter
   */
  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == FakePartnerCenter.class;
  }

  /**
   * The test's fake.
   *
   * @param parameterContext the parameter
   * @param extensionContext the test's context
   * @return the started fake
   */
  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return fake();
  }
}
