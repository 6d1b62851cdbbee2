package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.test.FakePartnerCenter;
import org.cspkit.partnercenter.test.FakePartnerCenterExtension;
import org.cspkit.partnercenter.test.TestData;
import org.cspkit.partnercenter.testing.ContractValidator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JUnit 5 form of the shipped fake: a new fake per test, on a field or as a parameter; and
 * the OpenAPI document on the library's class path.
 */
class FakePartnerCenterExtensionTest {
  @Nested
  class OnAField {
    @RegisterExtension
    final FakePartnerCenterExtension partnerCenter = new FakePartnerCenterExtension();

    @Test
    void eachTestGetsAStartedFakeOfItsOwn(FakePartnerCenter parameter) {
      assertThat(parameter).isSameAs(partnerCenter.fake());
      try (PartnerCenterClient client = ContractValidator.client()
          .baseUrl(partnerCenter.baseUrl())
          .accessToken("any-token")
          .build()) {
        Cart cart = client.carts().create(TestData.CUSTOMER_ID, TestData.newCart());
        assertThat(partnerCenter.fake().carts()).extracting(Cart::id).containsExactly(cart.id());
      }
    }

    @Test
    void theNextTestStartsWithAnEmptyFake() {
      assertThat(partnerCenter.fake().carts()).isEmpty();
      assertThat(partnerCenter.fake().requests()).isEmpty();
    }
  }

  @Test
  @ExtendWith(FakePartnerCenterExtension.class)
  void aFakeCanBeAParameterAlone(FakePartnerCenter fake) {
    assertThat(fake.baseUrl()).startsWith("http://").endsWith("/");
    assertThat(fake.carts()).isEmpty();
  }

  @Test
  void outsideATestThereIsNoFake() {
    FakePartnerCenterExtension unused = new FakePartnerCenterExtension();
    assertThatThrownBy(unused::fake).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theOpenApiDocumentIsOnTheLibrarysClassPath() throws Exception {
    try (InputStream spec = PartnerCenterClient.class
        .getClassLoader()
        .getResourceAsStream(FakePartnerCenter.SPEC_RESOURCE)) {
      assertThat(spec).as(FakePartnerCenter.SPEC_RESOURCE).isNotNull();
      assertThat(spec.readAllBytes())
          .isEqualTo(Files.readAllBytes(Path.of(System.getProperty("openapi.spec"))));
    }
  }
}
