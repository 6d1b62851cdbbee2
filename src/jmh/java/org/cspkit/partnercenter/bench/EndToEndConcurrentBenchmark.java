package org.cspkit.partnercenter.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link EndToEndBenchmark} with 16 concurrent callers sharing each client. */
@Threads(16)
public class EndToEndConcurrentBenchmark extends EndToEndBenchmark {}
