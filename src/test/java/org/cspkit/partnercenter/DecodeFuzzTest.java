package org.cspkit.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.cspkit.partnercenter.exception.AuthenticationException;
import org.cspkit.partnercenter.exception.BadRequestException;
import org.cspkit.partnercenter.exception.ConflictException;
import org.cspkit.partnercenter.exception.ForbiddenException;
import org.cspkit.partnercenter.exception.NotFoundException;
import org.cspkit.partnercenter.exception.PartnerCenterException;
import org.cspkit.partnercenter.exception.ServerErrorException;
import org.cspkit.partnercenter.exception.ThrottledException;
import org.cspkit.partnercenter.exception.UndecodableResponseException;
import org.cspkit.partnercenter.testing.PrismExtension;
import org.cspkit.partnercenter.testing.PrismServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A seeded mutation fuzz of response decoding: the spec's examples, as Prism serves them, are
 * mutated (bits flipped, bytes replaced, ranges deleted or repeated, truncation, JSON fragments
 * inserted) and fed to the client as responses. Every input must end in a result (2xx), an
 * {@link UndecodableResponseException}, or the typed exception of its status; never anything else.
 */
@ExtendWith(PrismExtension.class)
class DecodeFuzzTest {
  static final int INPUTS = 20_000;
  static final long SEED = 20261122L;
  static final String[] FRAGMENTS = {
    "null",
    "-1e999",
    "\"\\uD800\"",
    "{}",
    "[]",
    "true",
    "99999999999999999999",
    "\"2019-13-45T99:99:99Z\"",
    "\"\"",
    ",",
    "}",
    "]",
    "\"",
    "\\",
    "\u0000",
    "\uFEFF",
    "\"billingCycle\":\"bi weekly\"",
    "1.5",
    "-0"
  };

  @SuppressWarnings("ArrayRecordComponent") // never compared, hashed or printed
  private record Seed(int status, byte[] body) {}

  private static List<Seed> seeds(PrismServer prism) throws Exception {
    OkHttpClient plain = new OkHttpClient();
    String url = prism.baseUrl() + "v1/customers/" + ResponseMappingTest.CUSTOMER_ID + "/carts/"
        + ResponseMappingTest.CART_ID + "/checkout";
    List<Seed> seeds = new ArrayList<>();
    for (String prefer : List.of(
        "code=201, example=threeOrders",
        "code=201, example=partialFailure",
        "code=201, example=newCommerceOrder",
        "code=400, example=alreadySubmitted",
        "code=401",
        "code=403",
        "code=404",
        "code=409",
        "code=429",
        "code=500",
        "code=503")) {
      Request request = new Request.Builder()
          .url(url)
          .header("Authorization", "Bearer x")
          .header("Prefer", prefer)
          .post(RequestBody.create(new byte[0]))
          .build();
      try (Response response = plain.newCall(request).execute()) {
        seeds.add(new Seed(response.code(), response.body().bytes()));
      }
    }
    return seeds;
  }

  private static byte[] mutate(byte[] input, Random random) {
    byte[] bytes = input;
    for (int m = 1 + random.nextInt(3); m > 0 && bytes.length > 0; m--) {
      int at = random.nextInt(bytes.length);
      switch (random.nextInt(6)) {
        case 0 -> {
          bytes = bytes.clone();
          bytes[at] ^= (byte) (1 << random.nextInt(8));
        }
        case 1 -> {
          bytes = bytes.clone();
          byte[] special = "{}[]\":,\\0-9eE.\u0000".getBytes(StandardCharsets.ISO_8859_1);
          bytes[at] = special[random.nextInt(special.length)];
        }
        case 2 ->
          bytes = concat(
              slice(bytes, 0, at),
              slice(bytes, Math.min(bytes.length, at + 1 + random.nextInt(64)), bytes.length));
        case 3 -> {
          int end = Math.min(bytes.length, at + 1 + random.nextInt(256));
          bytes = concat(slice(bytes, 0, end), slice(bytes, at, bytes.length));
        }
        case 4 -> bytes = slice(bytes, 0, at);
        default ->
          bytes = concat(
              concat(
                  slice(bytes, 0, at),
                  FRAGMENTS[random.nextInt(FRAGMENTS.length)].getBytes(StandardCharsets.UTF_8)),
              slice(bytes, at, bytes.length));
      }
    }
    return bytes;
  }

  private static byte[] slice(byte[] bytes, int from, int to) {
    return java.util.Arrays.copyOfRange(bytes, from, to);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  private static Class<? extends PartnerCenterException> typeFor(int status) {
    return switch (status) {
      case 400 -> BadRequestException.class;
      case 401 -> AuthenticationException.class;
      case 403 -> ForbiddenException.class;
      case 404 -> NotFoundException.class;
      case 409 -> ConflictException.class;
      case 429 -> ThrottledException.class;
      default -> ServerErrorException.class;
    };
  }

  @Test
  void everyMutatedResponseEndsInAResultOrATypedException(PrismServer prism) throws Exception {
    List<Seed> seeds = seeds(prism);
    Seed[] next = new Seed[1];
    OkHttpClient fabricating = new OkHttpClient.Builder()
        .addInterceptor(chain -> new Response.Builder()
            .request(chain.request())
            .protocol(Protocol.HTTP_1_1)
            .code(next[0].status())
            .message("fuzz")
            .body(ResponseBody.create(next[0].body(), MediaType.get("application/json")))
            .build())
        .build();
    PartnerCenterClient client = PartnerCenterClient.builder()
        .baseUrl("http://fuzz.invalid/")
        .accessToken("fuzz")
        .httpClient(fabricating)
        .retryOptions(RetryOptions.NONE)
        .build();
    Random random = new Random(SEED);
    Map<String, Integer> outcomes = new TreeMap<>();
    List<String> wrong = new ArrayList<>();

    for (int i = 0; i < INPUTS; i++) {
      Seed seed = seeds.get(random.nextInt(seeds.size()));
      next[0] = new Seed(seed.status(), mutate(seed.body(), random));
      String outcome;
      try {
        client.carts().checkout(ResponseMappingTest.CUSTOMER_ID, ResponseMappingTest.CART_ID);
        outcome = seed.status() < 300 ? "result" : "WRONG: result for " + seed.status();
      } catch (UndecodableResponseException e) {
        outcome = "undecodable";
      } catch (PartnerCenterException e) {
        outcome = e.getClass() == typeFor(seed.status()) && e.statusCode() == seed.status()
            ? "typed " + seed.status()
            : "WRONG: " + e;
      } catch (RuntimeException e) {
        outcome = "WRONG: " + e;
      }
      if (outcome.startsWith("WRONG")) {
        wrong.add(outcome + " for input " + HexFormat.of().formatHex(next[0].body()));
        outcome = "wrong";
      }
      outcomes.merge(outcome.startsWith("typed") ? "typed error" : outcome, 1, Integer::sum);
    }

    System.out.printf(
        "decode fuzz: %d inputs from %d seeds (seed %d): %s%n",
        INPUTS, seeds.size(), SEED, outcomes);
    assertThat(wrong).isEmpty();
    assertThat(outcomes).containsKeys("result", "undecodable", "typed error");
  }
}
