package org.cspkit.partnercenter.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link PurchaseFlowBenchmark} with 16 concurrent callers sharing each client. */
@Threads(16)
public class PurchaseFlowConcurrentBenchmark extends PurchaseFlowBenchmark {}
