package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.cspkit.partnercenter.model.BillingCycleType;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartCheckoutResult;
import org.cspkit.partnercenter.model.Order;
import org.cspkit.partnercenter.test.FakePartnerCenter;
import org.cspkit.partnercenter.test.TestData;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every operation has the same forms, and the short ones work: a user who learned one operation
 * can call any other the same way, with builders for every option and parameter.
 */
class OperationFormsTest {
  private static final String CUSTOMER_ID = TestData.CUSTOMER_ID;

  FakePartnerCenter fake;
  PartnerCenterClient client;

  @BeforeEach
  void start() {
    fake = FakePartnerCenter.start();
    client = ContractValidator.clientFor(fake).build();
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  @Test
  void theShortAsyncFormOfEveryOperationRunsIt() throws Exception {
    Cart cart =
        client.carts().createAsync(CUSTOMER_ID, TestData.newCart()).get(10, TimeUnit.SECONDS);
    assertThat(client
            .carts()
            .getAsync(CUSTOMER_ID, cart.id())
            .get(10, TimeUnit.SECONDS)
            .id())
        .isEqualTo(cart.id());
    Cart updated =
        client.carts().updateAsync(CUSTOMER_ID, cart.id(), cart).get(10, TimeUnit.SECONDS);
    assertThat(updated.id()).isEqualTo(cart.id());
    CartCheckoutResult result =
        client.carts().checkoutAsync(CUSTOMER_ID, cart.id()).get(10, TimeUnit.SECONDS);
    String orderId = result.orders().get(0).id();

    Order order = client.orders().getAsync(CUSTOMER_ID, orderId).get(10, TimeUnit.SECONDS);
    assertThat(order.id()).isEqualTo(orderId);
    assertThat(client.orders().listAsync(CUSTOMER_ID).get(10, TimeUnit.SECONDS).items())
        .extracting(Order::id)
        .contains(orderId);
    assertThat(client
            .orders()
            .getProvisioningStatusAsync(CUSTOMER_ID, orderId)
            .get(10, TimeUnit.SECONDS)
            .anyPending())
        .isFalse();
    assertThat(client
            .orders()
            .waitForProvisioningAsync(CUSTOMER_ID, orderId)
            .get(10, TimeUnit.SECONDS)
            .anyPending())
        .isFalse();
    assertThat(client.orders().waitForProvisioning(CUSTOMER_ID, orderId).anyPending())
        .isFalse();
  }

  @Test
  void everyOperationHasTheSameFormsAndNoPublicFormTakesABareBooleanOrDuration() {
    assertThat(forms(CartsService.class, "create"))
        .containsExactlyInAnyOrder(
            "create(String,Cart)",
            "createAsync(String,Cart)",
            "create(String,Cart,RequestOptions)",
            "createAsync(String,Cart,RequestOptions)",
            "createWithResponse(String,Cart,RequestOptions)",
            "createWithResponseAsync(String,Cart,RequestOptions)",
            "previewCreate(String,Cart,RequestOptions)");
    assertThat(forms(CartsService.class, "checkout"))
        .containsExactlyInAnyOrder(
            "checkout(String,String)",
            "checkoutAsync(String,String)",
            "checkout(String,String,CheckoutParams,RequestOptions)",
            "checkoutAsync(String,String,CheckoutParams,RequestOptions)",
            "checkoutWithResponse(String,String,CheckoutParams,RequestOptions)",
            "checkoutWithResponseAsync(String,String,CheckoutParams,RequestOptions)",
            "previewCheckout(String,String,CheckoutParams,RequestOptions)");
    assertThat(forms(OrdersService.class, "get"))
        .containsExactlyInAnyOrder(
            "get(String,String)",
            "getAsync(String,String)",
            "get(String,String,OrderGetParams,RequestOptions)",
            "getAsync(String,String,OrderGetParams,RequestOptions)",
            "getWithResponse(String,String,OrderGetParams,RequestOptions)",
            "getWithResponseAsync(String,String,OrderGetParams,RequestOptions)");
    for (Class<?> service : List.of(CartsService.class, OrdersService.class)) {
      for (String operation :
          List.of("create", "get", "update", "checkout", "list", "getProvisioningStatus")) {
        Set<String> forms = forms(service, operation);
        if (forms.isEmpty()) {
          continue;
        }
        assertThat(forms.stream().map(form -> form.substring(0, form.indexOf('('))))
            .as("%s.%s", service.getSimpleName(), operation)
            .contains(
                operation,
                operation + "Async",
                operation + "WithResponse",
                operation + "WithResponseAsync");
        // The short forms take the required arguments only; the others end with RequestOptions.
        assertThat(forms).filteredOn(form -> !form.endsWith("RequestOptions)")).hasSize(2);
      }
      assertThat(Arrays.stream(service.getMethods())
              .filter(method -> !Modifier.isStatic(method.getModifiers()))
              .flatMap(method -> Arrays.stream(method.getParameterTypes())))
          .doesNotContain(boolean.class, Boolean.class, Duration.class);
    }
  }

  @Test
  void everyOptionAndParameterClassIsBuiltTheSameWay() {
    CheckoutParams checkout =
        CheckoutParams.builder().customerUserUpn(" adele@contoso.com ").build();
    assertThat(checkout.customerUserUpn()).contains("adele@contoso.com");
    assertThat(checkout.newBuilder().build()).isEqualTo(checkout).hasSameHashCodeAs(checkout);
    assertThat(checkout.newBuilder().customerUserUpn(null).build())
        .isEqualTo(CheckoutParams.none());

    OrderListParams list = OrderListParams.builder()
        .billingType(BillingCycleType.ONE_TIME)
        .includePrice(true)
        .build();
    assertThat(list.newBuilder().build()).isEqualTo(list).hasSameHashCodeAs(list);
    assertThat(list.newBuilder().billingType(null).includePrice(false).build())
        .isEqualTo(OrderListParams.none());
    assertThat(list).hasToString("OrderListParams{billingType=one_time, includePrice=true}");

    OrderGetParams get = OrderGetParams.builder().includePrice(true).build();
    assertThat(get.includePrice()).isTrue();
    assertThat(get.newBuilder().build()).isEqualTo(get).hasSameHashCodeAs(get);
    assertThat(get.newBuilder().includePrice(false).build()).isEqualTo(OrderGetParams.none());
    assertThat(get).hasToString("OrderGetParams{includePrice=true}");

    ProvisioningWaitOptions wait =
        ProvisioningWaitOptions.builder().timeout(Duration.ofMinutes(5)).build();
    assertThat(wait.newBuilder().build()).isEqualTo(wait).hasSameHashCodeAs(wait);
    assertThat(wait.newBuilder().timeout(Duration.ofMinutes(30)).build())
        .isEqualTo(ProvisioningWaitOptions.defaults());
  }

  private static Set<String> forms(Class<?> service, String operation) {
    String preview =
        "preview" + Character.toUpperCase(operation.charAt(0)) + operation.substring(1);
    return Arrays.stream(service.getMethods())
        .filter(method -> !Modifier.isStatic(method.getModifiers()))
        .filter(method -> method.getName().equals(operation)
            || method.getName().equals(operation + "Async")
            || method.getName().equals(operation + "WithResponse")
            || method.getName().equals(operation + "WithResponseAsync")
            || method.getName().equals(preview))
        .map(OperationFormsTest::signature)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String signature(Method method) {
    return method.getName()
        + Arrays.stream(method.getParameterTypes())
            .map(Class::getSimpleName)
            .collect(Collectors.joining(",", "(", ")"));
  }
}
