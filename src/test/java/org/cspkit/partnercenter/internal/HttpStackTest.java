package org.cspkit.partnercenter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The HTTP stack releases the client's own threads on close, and never a caller's. */
class HttpStackTest {
  @Test
  void closingReleasesTheClientsOwnThreads() {
    Dispatcher dispatcher = new Dispatcher();
    ExecutorService threads = dispatcher.executorService();
    new HttpStack(new OkHttpClient.Builder().dispatcher(dispatcher), true, "ua").close();
    assertThat(threads.isShutdown()).isTrue();
  }

  @Test
  void closingLeavesACallersClientAlone() {
    OkHttpClient callers = new OkHttpClient.Builder().build();
    ExecutorService threads = callers.dispatcher().executorService();
    new HttpStack(callers.newBuilder(), false, "ua").close();
    assertThat(threads.isShutdown()).isFalse();
  }

  @Test
  void noneOfOkHttpsOwnResendsAreOn() {
    HttpStack stack = new HttpStack(
        new OkHttpClient.Builder().retryOnConnectionFailure(true).followRedirects(true),
        true,
        "ua");
    OkHttpClient requests = (OkHttpClient) stack.requestBuilder();
    assertThat(requests.retryOnConnectionFailure()).isFalse();
    assertThat(requests.followRedirects()).isFalse();
    assertThat(requests.followSslRedirects()).isFalse();
    assertThat(requests.authenticator()).isSameAs(okhttp3.Authenticator.NONE);
    stack.close();
  }
}
