package org.cspkit.partnercenter.bench;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The checkout result as plain mutable classes with public fields, the way the official SDK and
 * the stock generator model it, for Jackson databind and Gson. Same types as our records: dates
 * as OffsetDateTime, prices as BigDecimal; enum-like fields as String.
 */
public final class PlainModels {
  private PlainModels() {}

  public static final class CartCheckoutResult {
    public List<Order> orders;
    public List<OrderError> orderErrors;
    public ResourceAttributes attributes;
  }

  public static final class OrderError {
    public String orderGroupId;
    public Integer code;
    public String description;
  }

  public static final class Order {
    public String id;
    public String alternateId;
    public String referenceCustomerId;
    public String billingCycle;
    public String transactionType;
    public List<OrderLineItem> lineItems;
    public String currencyCode;
    public String currencySymbol;
    public OffsetDateTime creationDate;
    public String status;
    public BigDecimal totalPrice;
    public Boolean partnerOnRecordAttestationAccepted;
    public OrderLinks links;
    public ResourceAttributes attributes;
  }

  public static final class OrderLineItem {
    public Integer lineItemNumber;
    public String offerId;
    public String subscriptionId;
    public String parentSubscriptionId;
    public String friendlyName;
    public Integer quantity;
    public String termDuration;
    public String transactionType;
    public String partnerIdOnRecord;
    public List<String> additionalPartnerIdsOnRecord;
    public Map<String, String> provisioningContext;
    public RenewsTo renewsTo;
    public Boolean attestationAccepted;
    public Pricing pricing;
    public String promotionId;
    public OffsetDateTime customTermEndDate;
    public OrderLineItemLinks links;
  }

  public static final class Pricing {
    public BigDecimal listPrice;
    public BigDecimal discountedPrice;
    public BigDecimal proratedPrice;
    public BigDecimal price;
    public BigDecimal extendedPrice;
  }

  public static final class RenewsTo {
    public String termDuration;
  }

  public static final class OrderLinks {
    public Link self;
    public Link provisioningStatus;
    public Link patchOperation;
  }

  public static final class OrderLineItemLinks {
    public Link subscription;
    public Link product;
    public Link sku;
    public Link availability;
    public Link provisioningStatus;
    public Link activationLinks;
  }

  public static final class Link {
    public String uri;
    public String method;
    public List<KeyValuePair> headers;
  }

  public static final class KeyValuePair {
    public String key;
    public String value;
  }

  public static final class ResourceAttributes {
    public String objectType;
    public String etag;
  }
}
