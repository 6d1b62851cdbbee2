package org.cspkit.partnercenter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.cspkit.partnercenter.CartsService;
import org.cspkit.partnercenter.OrdersService;
import org.junit.jupiter.api.Test;

/** The methods the spec's {@code x-java-implements} gives the generated models. */
class ModelMethodsTest {
  private static final CartError OUT_OF_SEATS =
      CartError.builder().errorCode(10015).errorDescription("Seats exceeded").build();

  private static CartLineItem line(int id, CartError error, CartLineItem... addons) {
    return CartLineItem.builder()
        .id(id)
        .catalogItemId("CFQ7TTC0LF8S:0001:CFQ7TTC0VZW5")
        .quantity(1)
        .error(error)
        .addonItems(List.of(addons))
        .build();
  }

  @Test
  void lineItemsWithErrorsListsTheFlaggedLinesInOrderWithAddOnsAfterTheirBaseLine() {
    CartLineItem clean = line(0, null);
    CartLineItem flaggedAddon = line(3, OUT_OF_SEATS);
    CartLineItem baseWithFlaggedAddon = line(1, null, flaggedAddon);
    CartLineItem flagged = line(2, OUT_OF_SEATS);
    Cart cart =
        Cart.builder().lineItems(List.of(clean, baseWithFlaggedAddon, flagged)).build();

    assertThat(cart.lineItemsWithErrors()).containsExactly(flaggedAddon, flagged);
    assertThat(CartsService.lineItemsWithErrors(cart)).isEqualTo(cart.lineItemsWithErrors());
    assertThatThrownBy(() -> cart.lineItemsWithErrors().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aCartWithoutErrorsOrLinesHasNoLineItemsWithErrors() {
    assertThat(Cart.builder().build().lineItemsWithErrors()).isEmpty();
    assertThat(Cart.builder().lineItems(List.of(line(0, null))).build().lineItemsWithErrors())
        .isEmpty();
  }

  private static OrderLineItemProvisioningStatus status(String line, String... quantities) {
    return OrderLineItemProvisioningStatus.builder()
        .lineItemNumber(0)
        .status(line == null ? null : ProvisioningStatus.fromString(line))
        .quantityProvisioningInformation(Stream.of(quantities)
            .map(quantity -> QuantityProvisioningInformation.builder()
                .quantity(1)
                .status(ProvisioningStatus.fromString(quantity))
                .build())
            .toList())
        .build();
  }

  @Test
  void aLineIsPendingWhileItsStatusOrAQuantityOfItIsPending() {
    assertThat(status("PrefulfillmentPending").isPending()).isTrue();
    assertThat(status("prefulfillmentpending").isPending()).isTrue();
    assertThat(status("fulfilled", "fulfilled", "PrefulfillmentPending").isPending())
        .isTrue();
    assertThat(status("SomeNewPendingState").isPending())
        .as("a value added later")
        .isTrue();
    assertThat(status("fulfilled", "fulfilled").isPending()).isFalse();
    assertThat(status("Unfulfilled").isPending()).isFalse();
    assertThat(status(null).isPending()).isFalse();
    assertThat(OrdersService.isPending(status("PrefulfillmentPending"))).isTrue();
    assertThat(OrdersService.isPending(status("fulfilled"))).isFalse();
  }

  @Test
  void anOrderIsPendingWhileOneOfItsLinesIs() {
    OrderProvisioningStatusCollection oneLinePending = OrderProvisioningStatusCollection.builder()
        .items(List.of(status("fulfilled"), status("PrefulfillmentPending")))
        .build();
    OrderProvisioningStatusCollection done = OrderProvisioningStatusCollection.builder()
        .items(List.of(status("fulfilled"), status("Unfulfilled")))
        .build();

    assertThat(oneLinePending.anyPending()).isTrue();
    assertThat(done.anyPending()).isFalse();
    assertThat(OrderProvisioningStatusCollection.builder().build().anyPending()).isFalse();
    assertThat(OrdersService.anyPending(oneLinePending)).isTrue();
    assertThat(OrdersService.anyPending(done)).isFalse();
  }
}
