package org.cspkit.partnercenter;

import org.cspkit.partnercenter.internal.Pipeline;

/**
 * The order operations of {@link PartnerCenterClient#orders()}. Thread-safe.
 */
public final class OrdersService {
  private final Pipeline pipeline;

  OrdersService(Pipeline pipeline) {
    this.pipeline = pipeline;
  }
}
